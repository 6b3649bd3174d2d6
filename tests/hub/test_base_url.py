"""Every absolute link comes from HUB_BASE_URL: Site record, hreflang, sitemap, private links."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Site

from hub.models import HomePage
from provisioning import bootstrap
from tests.hub.test_languages import welsh_home
from tests.stories.test_share import fill_in_everything, send

BASE = "https://hub.example.org"
pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_at_base_url():
    with override_settings(HUB_BASE_URL=BASE, WAGTAILADMIN_BASE_URL=BASE):
        bootstrap.run(demo_logins=False)
        yield


def test_the_bootstrap_gives_the_site_the_configured_address(hub_at_base_url):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("hub.example.org", 443, BASE)


def test_a_new_base_url_moves_the_site_and_nothing_else():
    bootstrap.run(demo_logins=False)
    site = Site.objects.get(is_default_site=True)
    with override_settings(HUB_BASE_URL="http://127.0.0.1:8000"):
        report = bootstrap.run(demo_logins=False)
    moved = Site.objects.get(is_default_site=True)
    assert (moved.pk, moved.root_page_id) == (site.pk, site.root_page_id)
    assert (moved.hostname, moved.port) == ("127.0.0.1", 8000)
    assert report.created == ["default site address http://127.0.0.1:8000"]
    with override_settings(HUB_BASE_URL="http://127.0.0.1:8000"):
        assert bootstrap.run(demo_logins=False).created == []


def test_hreflang_alternates_and_the_sitemap_use_the_base_url(client, hub_at_base_url):
    welsh_home(HomePage.objects.get(depth=2, locale__language_code="en"))
    home = client.get("/en/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', home)
    assert alternates
    assert all(url.startswith(f"{BASE}/") for url in alternates), alternates

    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{BASE}/en/" in locations
    assert all(url.startswith(f"{BASE}/") for url in locations), locations


def test_the_private_link_uses_the_base_url_whatever_the_host(client, hub_at_base_url):
    fill_in_everything(client)
    sent = send(client).content.decode()
    link = re.search(r'id="private-link">([^<]+)<', sent).group(1)
    assert link.startswith(f"{BASE}/en/stories/my-story/")
