"""The daily clean-up: abandoned "Share your story" drafts, sessions and held pictures.

Schedule it once a day in production (cron, a systemd timer or the host's scheduler), e.g.
    15 3 * * *  cd /srv/hub && .venv/bin/python manage.py daily_cleanup
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from stories import holding


class Command(BaseCommand):
    help = "Remove expired sessions and the pictures of stories that were never sent."

    def handle(self, *args, **options):
        call_command("clearsessions")
        pictures = holding.sweep()
        strays = holding.sweep_stray_files()
        self.stdout.write(
            f"Expired sessions cleared; {pictures} held picture(s) and {strays} stray file(s) "
            "removed."
        )
