from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from stories.demo import load_demo_stories


class Command(BaseCommand):
    help = (
        "Load the demo 'day in the life' stories: fictional composites, labelled as such. Four "
        "are published, one waits for a moderator and one has changes requested. Safe to run "
        "again: stories that exist are left alone."
    )

    def handle(self, *args, **options):
        # Demo content is not news: no "submitted for moderation" emails to the demo logins.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            created = load_demo_stories()
        if created:
            self.stdout.write("Demo stories created: " + ", ".join(created))
        else:
            self.stdout.write("Demo stories: nothing to create.")
