"""Language plumbing: lang attributes, hreflang, untranslated pages, compiled catalogues."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from hub import i18n

pytestmark = pytest.mark.django_db


def welsh_home(home):
    """A published Welsh translation of the home page, as wagtail-localize would create it."""
    welsh = home.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh.title = "Hyb cydgynhyrchu"
    welsh.save_revision().publish()
    return welsh


def test_untranslated_page_says_so_and_marks_its_language(client, site_tree):
    html = client.get("/cy/").content.decode()

    assert '<html lang="cy">' in html
    assert '<main id="main" class="main" tabindex="-1" lang="en">' in html
    assert 'role="note" lang="cy"' in html


def test_translated_page_has_switcher_and_hreflang(client, site_tree):
    welsh_home(site_tree)

    html = client.get("/cy/").content.decode()

    assert "Hyb cydgynhyrchu" in html
    assert 'role="note"' not in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
    assert '<link rel="alternate" hreflang="cy" href="http://testserver/cy/">' in html
    assert 'hreflang="x-default" href="http://testserver/en/"' in html
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html
    assert '<span aria-current="true" lang="cy">' in html


def test_single_language_page_offers_every_language_but_no_alternates(client, site_tree):
    html = client.get("/en/").content.decode()
    assert 'rel="alternate"' not in html  # search engines hear only of real translations
    nav = switcher(html)
    assert '<span aria-current="true" lang="en">English</span>' in nav
    # No Welsh or Spanish version yet: the English page at their prefix, with their interface.
    assert '<a href="/cy/" hreflang="cy" lang="cy">Cymraeg</a>' in nav
    assert '<a href="/es/" hreflang="es" lang="es">Español</a>' in nav


def test_catalogues_compile_without_gettext(tmp_path, settings):
    po = tmp_path / "cy" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Skip to main content"\nmsgstr "Neidio i\'r prif gynnwys"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]

    assert i18n.compile_catalogues() == [po.with_suffix(".mo")]
    assert i18n.compile_catalogues() == []  # up to date: nothing recompiled

    # Changing LOCALE_PATHS makes Django drop its loaded catalogues, so this reads the new .mo.
    with translation.override("cy"):
        assert translation.gettext("Skip to main content") == "Neidio i'r prif gynnwys"


# Switcher, alternates and untranslated pages, with real translated pages.


def translate(page, code, title, publish=True, **changes):
    """A translation of `page` (creating draft parents where missing), published or a draft."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    copy.title = title
    for name, value in changes.items():
        setattr(copy, name, value)
    revision = copy.save_revision()
    if publish:
        revision.publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.fixture
def case_study(section):
    from casestudies.models import CaseStudyIndexPage
    from tests.casestudies.factories import CaseStudyPageFactory

    return CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage), title="Time bank in Leeds", slug="time-bank", live=True
    )


@pytest.fixture
def welsh_sections(site_tree, section):
    """The Welsh home and case-studies index, live (the other sections stay English)."""
    from casestudies.models import CaseStudyIndexPage

    home = translate(site_tree, "cy", "Hyb cydgynhyrchu")
    index = translate(section(CaseStudyIndexPage), "cy", "Astudiaethau achos")
    return home, index


def switcher(html):
    start = html.index('<nav class="language-switcher"')
    return html[start : html.index("</nav>", start)]


def test_switcher_links_live_translations_only(client, case_study, welsh_sections):
    translate(case_study, "cy", "Banc amser yn Leeds")
    translate(case_study, "es", "Banco de tiempo en Leeds", publish=False)  # a draft

    html = client.get("/en/case-studies/time-bank/").content.decode()
    nav = switcher(html)

    assert '<span aria-current="true" lang="en">English</span>' in nav
    assert '<a href="/cy/case-studies/time-bank/" hreflang="cy" lang="cy">Cymraeg</a>' in nav
    # The Spanish version is a draft: Spanish is offered as the English page at /es/.
    assert '<a href="/es/case-studies/time-bank/" hreflang="es" lang="es">Español</a>' in nav
    assert (
        '<link rel="alternate" hreflang="cy" href="http://testserver/cy/case-studies/time-bank/">'
        in html
    )
    assert 'rel="alternate" hreflang="es"' not in html
    assert (
        '<link rel="alternate" hreflang="x-default" '
        'href="http://testserver/en/case-studies/time-bank/">' in html
    )


def test_switcher_leaves_out_private_translations(client, case_study, welsh_sections):
    from wagtail.models import PageViewRestriction

    welsh = translate(case_study, "cy", "Banc amser yn Leeds")
    translate(case_study, "es", "Banco de tiempo en Leeds")
    PageViewRestriction.objects.create(
        page=welsh, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    html = client.get("/en/case-studies/time-bank/").content.decode()

    # Welsh is offered as the English page at /cy/ (the private translation is never linked).
    assert '<a href="/cy/case-studies/time-bank/" hreflang="cy" lang="cy">' in switcher(html)
    assert 'rel="alternate" hreflang="cy"' not in html
    assert 'hreflang="es" lang="es">Español</a>' in switcher(html)


def test_welsh_page_marks_welsh_current_and_content_welsh(client, case_study, welsh_sections):
    translate(case_study, "cy", "Banc amser yn Leeds")

    html = client.get("/cy/case-studies/time-bank/").content.decode()

    assert '<html lang="cy">' in html
    assert '<main id="main" class="main" tabindex="-1">' in html  # content is in the page's lang
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in switcher(html)
    assert 'href="/en/case-studies/time-bank/" hreflang="en" lang="en">English</a>' in html
    assert 'role="note"' not in html


def test_untranslated_page_says_so_in_the_visitors_language_and_links_versions(
    client, case_study, welsh_sections
):
    translate(case_study, "es", "Banco de tiempo en Leeds")

    html = client.get("/cy/case-studies/time-bank/").content.decode()

    assert '<html lang="cy">' in html
    assert '<main id="main" class="main" tabindex="-1" lang="en">' in html
    note = html[html.index('role="note"') : html.index("</div>", html.index('role="note"'))]
    with translation.override("cy"):
        read_it_in = translation.gettext("Read it in:")
    assert 'lang="cy"' in note and read_it_in in note
    assert '<a href="/en/case-studies/time-bank/" hreflang="en" lang="en">English</a>' in note
    assert '<a href="/es/case-studies/time-bank/" hreflang="es" lang="es">Español</a>' in note
    # The switcher keeps Welsh as the interface language and offers the versions that exist.
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in switcher(html)


def test_welsh_draft_translation_shows_the_original_with_a_note(client, case_study, welsh_sections):
    translate(case_study, "cy", "Banc amser drafft", publish=False)

    html = client.get("/cy/case-studies/time-bank/").content.decode()

    assert "Banc amser drafft" not in html
    assert "<h1>Time bank in Leeds</h1>" in html
    assert 'role="note" lang="cy"' in html
    assert 'href="/en/case-studies/time-bank/" hreflang="en" lang="en">English</a>' in html


def test_welsh_home_reaches_untranslated_sections_in_welsh(client, welsh_sections):
    html = client.get("/cy/").content.decode()
    nav = html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index("main-nav"))]

    # A translated section: its Welsh title and address, no language mark needed.
    assert '<a href="/cy/case-studies/">Astudiaethau achos</a>' in nav
    # An untranslated one: linked at the Welsh address, its English title marked as English.
    assert '<a href="/cy/stories/" lang="en" hreflang="en">Stories</a>' in nav
    # The home page's routes stay in Welsh too.
    assert 'href="/cy/toolkits/"' in html
    assert 'href="/en/toolkits/"' not in html
    # ... and that address serves the English section with a Welsh interface.
    stories = client.get("/cy/stories/").content.decode()
    assert '<html lang="cy">' in stories and 'lang="en"' in stories


def test_breadcrumbs_mark_titles_in_another_language(client, case_study, welsh_sections):
    html = client.get("/cy/case-studies/time-bank/").content.decode()
    crumbs = html[
        html.index('<nav class="breadcrumbs') : html.index("</nav>", html.index("breadcrumbs"))
    ]

    # The section is translated: its Welsh title. The toolkits are not: English, marked.
    assert '<a href="/cy/case-studies/">Astudiaethau achos</a>' in crumbs
    assert '<span aria-current="page" lang="en">Time bank in Leeds</span>' in crumbs


def test_an_alias_in_another_language_is_not_a_translation(client, case_study, welsh_sections):
    alias = case_study.copy_for_translation(
        Locale.objects.get(language_code="cy"), copy_parents=True, alias=True
    )
    assert alias.live and alias.locale.language_code == "cy"

    html = client.get("/cy/case-studies/time-bank/").content.decode()
    english = client.get("/en/case-studies/time-bank/").content.decode()

    assert '<main id="main" class="main" tabindex="-1" lang="en">' in html
    assert 'role="note" lang="cy"' in html
    assert 'rel="alternate" hreflang="cy"' not in english  # no Welsh version to announce


def test_breadcrumbs_link_untranslated_ancestors_at_the_visitors_prefix(client, site_tree, section):
    from tests.toolkits.factories import ToolkitPageFactory
    from toolkits.models import ToolkitIndexPage

    translate(site_tree, "cy", "Hyb cydgynhyrchu")
    ToolkitPageFactory(
        parent=section(ToolkitIndexPage), title="Starting out", slug="start", live=True
    )

    html = client.get("/cy/toolkits/start/").content.decode()
    crumbs = html[
        html.index('<nav class="breadcrumbs') : html.index("</nav>", html.index("breadcrumbs"))
    ]

    assert '<a href="/cy/toolkits/"><span lang="en">Toolkits</span></a>' in crumbs


def test_a_link_to_an_untranslated_page_costs_one_query(
    rf, site_tree, section, django_assert_num_queries
):
    from django.template import Context, Template

    from casestudies.models import CaseStudyIndexPage, PrincipleIndexPage, ResourceIndexPage

    models = (CaseStudyIndexPage, PrincipleIndexPage, ResourceIndexPage)
    pages = [section(model) for model in models]
    template = Template("{% load hub_tags %}{% for p in pages %}{% localized_url p %} {% endfor %}")
    request = rf.get("/cy/")
    site_tree.get_url(request=request)  # Wagtail caches the site's root paths on the request
    # One query for the locale codes (once per request), then one per link for its translation.
    with translation.override("cy"), django_assert_num_queries(1 + len(pages)):
        html = template.render(Context({"pages": pages, "request": request}))

    assert html.split() == ["/cy/case-studies/", "/cy/principles/", "/cy/resources/"]
