"""One demo login per role, for trying the hub out. Created only where the settings allow."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hub.auth_backends import demo_password
from hub.groups import EDITORS, EXPERTS, FORUM_MEMBERS, MODERATORS, TRANSLATORS

# Username, display name, group (None: superuser). Pseudonymous; example.org never receives mail.
DEMO_USERS = [
    ("admin", "Ada Admin", None),
    ("editor", "Eddie Editor", EDITORS),
    ("moderator", "Mo Moderator", MODERATORS),
    ("expert", "Sam Storyteller", EXPERTS),
    ("forum", "Frankie Forum", FORUM_MEMBERS),
    ("translator", "Tal Translator", TRANSLATORS),
]


def ensure_demo_users(report):
    User = get_user_model()
    for username, display_name, group_name in DEMO_USERS:
        first_name, last_name = display_name.split(" ", 1)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.org",
                is_superuser=group_name is None,
                is_staff=group_name is None,
            )
            user.set_password(demo_password(username))
            user.save()
            report.note(f"demo user {username}")
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
