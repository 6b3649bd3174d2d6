"""Settings come from the environment; production refuses to start unsafely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3


# A clean environment: nothing from the test run (its database, or the browser tests' async flag).
NOT_INHERITED = {"DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "ELASTICSEARCH_URL"}


def clean_environment():
    return {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}


def run_python(code, **env):
    environment = clean_environment()
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def settings_value(module, expression, **env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({expression}, default=str))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE=module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production_env(**extra):
    env = {
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "sqlite:////tmp/hub-check.sqlite3",
    }
    env.update(extra)
    return env


def test_production_refuses_to_start_without_a_real_secret_key():
    for secret in ["", "short", "django-insecure-" + "x" * 60]:
        result = run_python("import django; django.setup()", **production_env(SECRET_KEY=secret))
        assert result.returncode != 0
        assert "Set SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean_environment(), **production_env()},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_database_url_chooses_the_database():
    assert settings_value("hub.settings.dev", "settings.DATABASES['default']['ENGINE']") == (
        "django.db.backends.sqlite3"
    )
    engine = settings_value(
        "hub.settings.dev",
        "settings.DATABASES['default']['ENGINE']",
        DATABASE_URL="postgres://hub:pw@db.internal:5432/hub",
    )
    assert engine == "django.db.backends.postgresql"


def test_elasticsearch_url_adds_elasticsearch_in_front_of_the_database_backend():
    assert settings_value("hub.settings.dev", "settings.WAGTAILSEARCH_BACKENDS") == {
        "default": {"BACKEND": "search.database_backend"}
    }
    backends = settings_value(
        "hub.settings.dev",
        "settings.WAGTAILSEARCH_BACKENDS",
        ELASTICSEARCH_URL="http://search.internal:9200",
        ELASTICSEARCH_INDEX_PREFIX="hubtest_",
    )
    assert backends["default"]["BACKEND"] == "search.engine_backend"  # an index a language
    assert backends["default"]["ENGINE"] == "wagtail.search.backends.elasticsearch9"
    assert backends["default"]["URLS"] == ["http://search.internal:9200"]
    assert backends["default"]["INDEX_PREFIX"] == "hubtest_"
    assert backends["database"]["BACKEND"] == "search.database_backend"


@pytest.mark.parametrize(
    ("name", "engine"),
    [
        ("elasticsearch8", "wagtail.search.backends.elasticsearch8"),
        ("elasticsearch9", "wagtail.search.backends.elasticsearch9"),
        # opensearch-py 3.x works only through Wagtail's opensearch3 backend, for 2.x servers too
        ("opensearch2", "wagtail.search.backends.opensearch3"),
        ("opensearch3", "wagtail.search.backends.opensearch3"),
    ],
)
def test_elasticsearch_backend_names_the_engine(name, engine):
    backends = settings_value(
        "hub.settings.dev",
        "settings.WAGTAILSEARCH_BACKENDS",
        ELASTICSEARCH_URL="http://search.internal:9200",
        ELASTICSEARCH_BACKEND=name,
    )
    assert backends["default"]["ENGINE"] == engine


def test_i18n_is_on_with_three_languages():
    value = settings_value(
        "hub.settings.dev", "[settings.WAGTAIL_I18N_ENABLED, [c for c, _ in settings.LANGUAGES]]"
    )
    assert value == [True, ["en", "cy", "es"]]


@pytest.mark.parametrize("module", ["hub.settings.dev", "hub.settings.test"])
def test_email_goes_nowhere_outside_production(module):
    backend = settings_value(module, "settings.EMAIL_BACKEND")
    assert backend.rsplit(".", 2)[-2] in {"console", "locmem"}
