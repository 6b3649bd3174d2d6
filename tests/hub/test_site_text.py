"""The site text (site name, support box, contact details, footer) in every language."""

import pytest
from django.db import IntegrityError, transaction
from wagtail.models import Locale
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from hub.models import HubSettings, SiteText

pytestmark = pytest.mark.django_db


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def header_name(html):
    start = html.index('class="site-header__name"')
    return html[start : html.index("</a>", start)]


@pytest.fixture
def english_text(site_tree):
    return HubSettings.for_site(site_tree.get_site()).site_text


def translate(text, code, **words):
    welsh = text.copy_for_translation(Locale.objects.get(language_code=code))
    for name, value in words.items():
        setattr(welsh, name, value)
    welsh.save()
    return welsh


def test_the_settings_point_at_an_english_site_text_with_the_support_box(english_text):
    assert english_text.locale.language_code == "en"
    assert "call 999" in english_text.support_message
    assert [block.value["name"] for block in english_text.signposts] == ["Samaritans", "NHS 111"]


def test_a_welsh_visitor_reads_the_welsh_support_box_and_site_name(client, english_text):
    translate(
        english_text,
        "cy",
        site_name="Hyb cydgynhyrchu",
        support_message="<p>Os ydych chi mewn perygl nawr, ffoniwch 999.</p>",
        signposts=[("signpost", {"name": "Samariaid", "phone": "116 123", "url": ""})],
        footer_text="<p>Straeon ac offer.</p>",
    )

    html = client.get("/cy/").content.decode()

    box = footer(html)
    assert "ffoniwch 999" in box and "Samariaid" in box and "Straeon ac offer." in box
    assert "call 999" not in box and 'lang="en"' not in box
    assert "Hyb cydgynhyrchu" in header_name(html) and 'lang="en"' not in header_name(html)
    assert "| Hyb cydgynhyrchu</title>" in client.get("/cy/stories/").content.decode()


def test_a_language_without_a_translation_shows_the_english_marked_english(client, english_text):
    html = client.get("/es/").content.decode()

    box = footer(html)
    assert '<div lang="en">' in box and "call 999" in box
    assert '<div class="site-footer__text" lang="en">' in box
    assert '<span lang="en">Co-production hub</span>' in header_name(html)
    # The heading is an interface string: in Spanish, not marked.
    assert 'id="support-heading">¿Necesita apoyo ahora?</h2>' in box


def test_wagtail_localize_offers_the_words_and_keeps_the_key(english_text):
    offered = {
        segment.path.split(".")[0]
        for segment in extract_segments(english_text)
        if isinstance(segment, StringSegmentValue)
    }

    assert offered == {
        "site_name",
        "support_message",
        "signposts",
        "contact_details",
        "footer_text",
    }


def test_an_edited_translation_shows_on_cached_pages(client, english_text):
    welsh = translate(english_text, "cy", support_message="<p>Hen neges.</p>")
    assert "Hen neges." in client.get("/cy/").content.decode()

    welsh.support_message = "<p>Neges newydd.</p>"
    welsh.save()

    html = client.get("/cy/").content.decode()
    assert "Neges newydd." in html and "Hen neges." not in html


def test_every_language_has_one_site_text_at_most(english_text):
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteText.objects.create(key="site", locale=english_text.locale)
