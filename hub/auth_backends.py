"""Demo logins never work outside development.

`make run` creates accounts whose passwords are public (<username>-demo). A database made that way
and then served with production settings must not let anyone in with them: this backend refuses
a demo password whenever HUB_DEMO_LOGINS is off, whatever the database holds.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def demo_password(username):
    """Demo passwords are predictable on purpose (provisioning.demo_users makes the accounts)."""
    return f"{username}-demo"


class NoDemoLoginsBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if (
            not getattr(settings, "HUB_DEMO_LOGINS", False)
            and username is not None
            and password == demo_password(username)
        ):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
