"""Content-Security-Policy and Permissions-Policy on every response; an admin with no third party.

Every inline script that a page (public or admin) sends must carry the nonce of its own response,
or the browser refuses to run it: tests/browser/test_content_security_policy.py shows the admin,
the autocomplete and the self-assessment working under the policy in Chromium.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page

from casestudies.models import CaseStudyIndexPage
from tests.casestudies.factories import CaseStudyPageFactory
from tests.stories.factories import make_story
from tests.toolkits.factories import SelfAssessmentPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
NOT_RUN = re.compile(r'type="(application/json|text/template|text/x-template)"')
# What a browser fetches by itself (links to Wagtail's guide are followed only if clicked).
FETCHED = re.compile(
    r"<(?:img|script|iframe|source|video|audio|embed|link|input)\b[^>]*?"
    r'\b(?:src|srcset|href|poster|data-src)="((?:https?:)?//[^"/]+)',
    re.IGNORECASE,
)


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


def assert_scripts_carry_the_nonce(response, url):
    html = response.content.decode()
    directives = policy(response)
    assert "'unsafe-inline'" not in directives["script-src"], url
    assert "'unsafe-eval'" not in directives["script-src"], url
    nonces = [source for source in directives["script-src"] if source.startswith("'nonce-")]
    for attributes in SCRIPT.findall(html):
        if "src=" in attributes or NOT_RUN.search(attributes):
            continue
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert nonce, f"{url}: inline <script{attributes}> has no nonce"
        assert nonces == [f"'nonce-{nonce.group(1)}'"], f"{url}: nonce not the response's"


@pytest.fixture
def content(site_tree, section):
    CaseStudyPageFactory(parent=section(CaseStudyIndexPage), title="Time bank")
    SelfAssessmentPageFactory(parent=section(ToolkitIndexPage))
    make_story(title="A day", publish=True)


def test_every_public_response_has_both_policies(client, content):
    pages = [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]
    for url in [*pages, "/", "/en/search/?q=time", "/en/stories/share/", "/no-such-page/"]:
        response = client.get(url, follow=True)
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=()" in response["Permissions-Policy"], url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        assert_scripts_carry_the_nonce(response, url)


@pytest.fixture
def admin_client(client, content):
    admin = get_user_model().objects.create_superuser(
        "boss", "boss@example.org", "pw", first_name="Bo", last_name="Boss"
    )
    client.force_login(admin)
    # A Welsh translation made through wagtail-localize: its editor is wagtail-localize's own.
    case_study = Page.objects.get(title="Time bank")
    welsh = Locale.objects.get(language_code="cy")
    client.post(f"/admin/localize/submit/page/{case_study.pk}/", {"locales": [welsh.pk]})
    assert case_study.get_translation_or_none(welsh) is not None
    return client


def admin_urls():
    pages = Page.objects.filter(depth__gte=2)
    home = pages.get(depth=2, locale__language_code="en")
    case_study = pages.get(title="Time bank", locale__language_code="en")
    welsh = Locale.objects.get(language_code="cy")
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        *[f"/admin/pages/{page.pk}/edit/" for page in pages.filter(locale__language_code="en")],
        f"/admin/pages/{home.pk}/history/",
        f"/admin/localize/submit/page/{case_study.pk}/",
        f"/admin/pages/{case_study.get_translation(welsh).pk}/edit/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/users/new/",
        "/admin/groups/",
        "/admin/snippets/",
        "/admin/settings/hub/hubsettings/",
        "/admin/searchpicks/add/",
        "/admin/workflows/list/",
        "/admin/reports/locked/",
        "/admin/account/",
    ]


def test_the_admin_runs_only_scripts_with_the_nonce(admin_client):
    for url in admin_urls():
        response = admin_client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_scripts_carry_the_nonce(response, url)


def test_no_admin_page_loads_anything_from_another_host(admin_client):
    """Wagtail's default avatars come from Gravatar: a request that tells it who is working."""
    for url in admin_urls():
        html = admin_client.get(url, follow=True).content.decode()
        assert "gravatar" not in html.lower(), url
        external = {host for host in FETCHED.findall(html) if not host.endswith("//testserver")}
        assert external == set(), url
