"""Cite, print, share: the citation on the page and as BibTeX and RIS, link previews with the
wedge drawn as a PNG, share links that load nothing from elsewhere, and the print stylesheet."""

import io
import re

from django.core.cache import cache
from django.urls import reverse
from PIL import Image

from casestudies.models import CaseStudyIndexPage
from hub.models import Principle
from tests.casestudies.factories import CaseStudyPageFactory
from tests.stories.factories import make_story
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage


def test_case_study_cites_previews_and_shares_itself(client, site_tree, section, settings):
    page = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Timebank {Riverside} & Co",
        slug="timebank-riverside",
        ratings={"assets": 3, "networks": 1},
    )
    page.save_revision().publish()
    page.refresh_from_db()
    year = page.last_published_at.year
    url = f"{settings.HUB_BASE_URL}/en/case-studies/timebank-riverside/"

    html = client.get(url.replace(settings.HUB_BASE_URL, "")).content.decode()

    # "Cite this", APA style: the hub as author, the date, the title, the kind, the address.
    assert f"Co-production hub. ({year}, " in html
    assert "Timebank {Riverside} &amp; Co [case study]." in html and url in html
    bib_url, ris_url = (
        reverse("cite", args=[page.pk, "bib"]),
        reverse("cite", args=[page.pk, "ris"]),
    )
    assert f'href="{bib_url}"' in html and f'href="{ris_url}"' in html
    # Sharing: the address to copy without JavaScript, a mailto: link, no third-party script.
    assert f'id="page-link-{page.pk}">{url}</span>' in html
    assert "mailto:?subject=Timebank" in html
    assert not re.search(r'<script[^>]+src="https?://', html)
    # Link previews with the wedge picture, described in words.
    png_url = f"{settings.HUB_BASE_URL}/previews/wedge/{page.pk}.png"
    assert f'<meta property="og:image" content="{png_url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'og:image:alt" content="[^"]*Assets: Strong[^"]*Networks: Emerging', html)
    assert f'<meta property="og:url" content="{url}">' in html
    assert 'href="/static/css/print.css" media="print"' in html

    bib = client.get(bib_url)
    assert bib["Content-Type"].startswith("application/x-bibtex")
    assert f'filename="timebank-riverside{year}.bib"' in bib["Content-Disposition"]
    text = bib.content.decode()
    assert text.startswith(f"@misc{{timebank-riverside{year},")
    assert r"title = {Timebank \{Riverside\} \& Co}" in text
    assert "author = {{Co-production hub}}" in text and f"url = {{{url}}}" in text

    ris = client.get(ris_url).content.decode()
    assert ris.startswith("TY  - ELEC\r\n") and ris.endswith("ER  - \r\n")
    assert "A2  - Co-production hub\r\n" in ris and f"UR  - {url}\r\n" in ris
    assert "TI  - Timebank {Riverside} & Co\r\n" in ris and f"PY  - {year}\r\n" in ris

    cache.clear()
    png = client.get(png_url.replace(settings.HUB_BASE_URL, ""))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    image.verify()
    image = Image.open(io.BytesIO(png.content)).convert("RGB")
    assert image.size == (1200, 630)
    assets = Principle.objects.get(key="assets", locale=page.locale).colour
    colours = {colour for _count, colour in image.getcolors(maxcolors=1_000_000)}
    assert tuple(int(assets[i : i + 2], 16) for i in (1, 3, 5)) in colours
    # Kept in the cache under the page and its publication time, so a new publish draws anew.
    published = page.last_published_at.timestamp()
    assert cache.get(f"hub:wedge-png:{page.pk}:{published}") == png.content
    assert client.get(png_url.replace(settings.HUB_BASE_URL, "")).content == png.content


def test_drafts_and_pages_that_are_not_citable_give_nothing_away(client, site_tree, section):
    draft = CaseStudyPageFactory(parent=section(CaseStudyIndexPage), live=False)
    not_assessed = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage), principles_assessed=False
    )
    for url in (
        reverse("cite", args=[draft.pk, "bib"]),
        reverse("wedge_preview", args=[draft.pk]),
        reverse("wedge_preview", args=[not_assessed.pk]),
        reverse("cite", args=[site_tree.pk, "ris"]),  # the home page is not citable
        reverse("cite", args=[not_assessed.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 404, url
    html = client.get(not_assessed.url).content.decode()
    assert "og:image" not in html and '<meta name="twitter:card" content="summary">' in html


def test_toolkits_and_stories_offer_cite_this(client, site_tree, section):
    toolkit = ToolkitPageFactory(parent=section(ToolkitIndexPage), title="Peer support guide")
    story = make_story(publish=True, pseudonym="Robin")
    assert "Cite this" in client.get(toolkit.url).content.decode()
    story_html = client.get(story.url).content.decode()
    assert "Robin. (" in story_html
    ris = client.get(reverse("cite", args=[story.pk, "ris"])).content.decode()
    assert "AU  - Robin\r\n" in ris
