"""Demo accounts (public passwords, made by `make run`) never log in outside development."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import override_settings

from provisioning import bootstrap, demo_users
from tests.hub.test_settings import production_env, settings_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_database():
    """A database as `make run` leaves it: the demo accounts with their demo passwords."""
    bootstrap.run(demo_logins=True)


@override_settings(HUB_DEMO_LOGINS=False)
def test_no_demo_account_logs_in_when_demo_logins_are_off(client, demo_database):
    for username, _name, _group in demo_users.DEMO_USERS:
        assert authenticate(username=username, password=demo_users.demo_password(username)) is None
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "admin-demo"}, follow=True
    )
    assert "_auth_user_id" not in client.session
    assert response.request["PATH_INFO"] == "/admin/login/"


@override_settings(HUB_DEMO_LOGINS=False)
def test_an_account_with_a_password_of_its_own_still_logs_in(client, demo_database):
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("a-long-password-nobody-published")
    admin.save()
    assert authenticate(username="admin", password="a-long-password-nobody-published") == admin
    assert client.login(username="admin", password="a-long-password-nobody-published")


@override_settings(HUB_DEMO_LOGINS=True)
def test_demo_accounts_log_in_in_development(client, demo_database):
    assert client.login(username="editor", password="editor-demo")


def test_production_settings_have_demo_logins_off():
    value = settings_value(
        "hub.settings.production",
        "[settings.HUB_DEMO_LOGINS, settings.AUTHENTICATION_BACKENDS]",
        **{k: v for k, v in production_env().items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    assert value == [False, ["hub.auth_backends.NoDemoLoginsBackend"]]
