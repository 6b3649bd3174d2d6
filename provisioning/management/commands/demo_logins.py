from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from provisioning.demo_users import demo_password


class Command(BaseCommand):
    help = (
        "List the demo logins that work: every active user whose password is still the demo one "
        "(<username>-demo). Dev settings only; production never has demo logins."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "HUB_DEMO_LOGINS", False):
            self.stdout.write("Demo logins are off in these settings.")
            return
        users = get_user_model().objects.filter(is_active=True).prefetch_related("groups")
        logins = [
            (user.username, self.role(user))
            for user in users.order_by("pk")
            if user.check_password(demo_password(user.username))
        ]
        if not logins:
            self.stdout.write("No demo logins: run `manage.py bootstrap_hub` with dev settings.")
            return
        self.stdout.write(self.style.SUCCESS("Demo logins (http://127.0.0.1:8000/admin/):"))
        for username, role in logins:
            self.stdout.write(f"  {username:<16} {demo_password(username):<22} {role}")

    def role(self, user):
        if user.is_superuser:
            return "Superuser"
        return ", ".join(group.name for group in user.groups.all())
