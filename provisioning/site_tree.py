"""The site tree: locales, the home page, its sections, the taxonomy and the site settings.

Each step creates what is missing and leaves what exists alone, so an editor's work is never
overwritten.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from casestudies.models import (
    CaseStudyIndexPage,
    FrameworkIndexPage,
    PrincipleIndexPage,
    ResourceIndexPage,
    ThemeIndexPage,
)
from evidence.models import EvidenceIndexPage
from glossary.models import GlossaryPage
from hub.models import HomePage, HubSettings, LifeFactor, Principle, SiteText
from hub.taxonomy_seed import LIFE_FACTORS, PRINCIPLES
from search.models import SearchPage
from stories.models import StoryIndexPage
from toolkits.models import ToolkitIndexPage

# (model, slug, title, introduction, shown in the main navigation)
SECTIONS = [
    (
        CaseStudyIndexPage,
        "case-studies",
        "Case studies",
        "<p>Real examples of services designed and run with the people who use them.</p>",
        True,
    ),
    (
        PrincipleIndexPage,
        "principles",
        "Principles",
        "<p>Six principles describe what co-production looks like in practice.</p>",
        True,
    ),
    (
        FrameworkIndexPage,
        "frameworks",
        "Frameworks",
        "<p>The six principles and other ways of describing good practice, each element with "
        "questions to ask and the services that show it.</p>",
        False,  # reached from the home page's routes: the menu stays short on a phone
    ),
    (
        ThemeIndexPage,
        "themes",
        "Themes",
        "<p>The problems people meet in services, why they happen and what change looks "
        "like, with the case studies, stories and tools that speak to each.</p>",
        False,  # reached from the home page's routes: the menu stays short on a phone
    ),
    (
        StoryIndexPage,
        "stories",
        "Stories",
        "<p>A day in the life, told by people with lived experience, in their own words.</p>",
        True,
    ),
    (
        ToolkitIndexPage,
        "toolkits",
        "Toolkits",
        "<p>Practical guides and tools for working in partnership, including a "
        "self-assessment for your service.</p>",
        True,
    ),
    (
        ResourceIndexPage,
        "resources",
        "Resources",
        "<p>Research, practical tools and films about co-production.</p>",
        True,
    ),
    (
        EvidenceIndexPage,
        "evidence",
        "Evidence",
        "<p>What the research found, as figures you can check, chart and download.</p>",
        False,  # reached from the home page's routes: the menu stays short on a phone
    ),
    (
        GlossaryPage,
        "glossary",
        "Glossary",
        "<p>Short explanations of the words and abbreviations used across the hub.</p>",
        False,
    ),
    (SearchPage, "search", "Search", "", False),
]

HOME_INTRODUCTION = (
    "<p>A meeting place for co-production in health and social care: real examples, stories "
    "told by people with lived experience, and practical tools for working as equals.</p>"
)


def ensure_locales(report):
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        _, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.note(f"locale {code}")


def ensure_home(report):
    default_locale = Locale.get_default()
    root = Page.get_first_root_node()
    if root is None:  # an emptied database (e.g. after a transactional test's flush)
        root = Page.add_root(title="Root", locale=default_locale)
        report.note("root page")
    root = Page.objects.get(pk=root.pk)

    home = HomePage.objects.filter(depth=2, locale=default_locale).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page, which is a plain Page with no children.
        for placeholder in root.get_children().exact_type(Page):
            if placeholder.is_leaf():
                placeholder.delete()
        home = HomePage(
            title="Co-production hub",
            slug="home",
            locale=default_locale,
            introduction=HOME_INTRODUCTION,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.note("home page")

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
        report.note("default site")
        return home
    if (site.hostname, site.port) != (hostname, port):
        # The address is configuration (HUB_BASE_URL), not an editor's work: follow it.
        site.hostname, site.port = hostname, port
        site.save()
        report.note(f"default site address {settings.HUB_BASE_URL}")
    if site.root_page_id != home.pk and not isinstance(site.root_page.specific, HomePage):
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
        report.note("default site points at the home page")
    return home


def site_address():
    """The default Site's host name and port, from HUB_BASE_URL (its root_url builds every link)."""
    base_url = urlsplit(settings.HUB_BASE_URL)
    default_port = 443 if base_url.scheme == "https" else 80
    return base_url.hostname or "localhost", base_url.port or default_port


def ensure_sections(home, report):
    sections = {}
    for model, slug, title, introduction, in_menu in SECTIONS:
        page = model.objects.child_of(home).first()
        if page is None:
            page = model(title=title, slug=slug, introduction=introduction, show_in_menus=in_menu)
            home.add_child(instance=page)
            page.save_revision().publish()
            report.note(f"section {title}")
        sections[model] = page
    if not home.routes:
        ensure_home_routes(home, sections)
    if not home.audience_routes:
        ensure_audience_routes(home, sections)
        report.note("home page routes for each audience")
    return sections


def ensure_home_routes(home, sections):
    home.routes = [
        (
            "route",
            {
                "heading": "Find examples",
                "description": "Browse case studies by keyword, principle and depth.",
                "page": sections[CaseStudyIndexPage],
                "url": "",
            },
        ),
        (
            "route",
            {
                "heading": "Share your story",
                "description": "Tell us about a day in your life, safely and in your own words.",
                "page": sections[StoryIndexPage],
                # The form is a route of the stories page; relative, so each language's home
                # page links to the form in its own language.
                "url": "stories/share/",
            },
        ),
        (
            "route",
            {
                "heading": "Tools and guides",
                "description": "Check where your service stands and find practical next steps.",
                "page": sections[ToolkitIndexPage],
                "url": "",
            },
        ),
    ]
    home.save_revision().publish()


def audience_link(label, page=None, url=""):
    return {"label": label, "page": page, "url": url}


def ensure_audience_routes(home, sections):
    """A way in for each of the hub's four audiences, which an editor can change."""
    case_studies, evidence = sections[CaseStudyIndexPage], sections[EvidenceIndexPage]
    home.audience_routes = [
        (
            "audience",
            {
                "audience": "Commissioners",
                "description": "How others fund and buy support that people shape themselves.",
                "links": [
                    audience_link("Funding mechanisms in practice", case_studies),
                    audience_link("The evidence, as data", evidence),
                    audience_link(
                        "Themes: what goes wrong and what change looks like",
                        sections[ThemeIndexPage],
                    ),
                ],
            },
        ),
        (
            "audience",
            {
                "audience": "Practitioners",
                "description": "Examples, principles and tools for working as equals.",
                "links": [
                    audience_link("The six principles", sections[PrincipleIndexPage]),
                    audience_link("Tools and guides", sections[ToolkitIndexPage]),
                    audience_link("Frameworks of good practice", sections[FrameworkIndexPage]),
                ],
            },
        ),
        (
            "audience",
            {
                "audience": "People with lived experience",
                "description": "Stories told in people's own words, and a safe way to add yours.",
                "links": [
                    audience_link("Read stories", sections[StoryIndexPage]),
                    audience_link("Share your story", sections[StoryIndexPage], "stories/share/"),
                ],
            },
        ),
        (
            "audience",
            {
                "audience": "Researchers",
                "description": "Sources, figures with their caveats, and data to download.",
                "links": [
                    audience_link("Evidence and data", evidence),
                    audience_link("Research and resources", sections[ResourceIndexPage]),
                    audience_link("Glossary", sections[GlossaryPage]),
                ],
            },
        ),
    ]
    home.save_revision().publish()


def ensure_taxonomy(report):
    locale = Locale.get_default()
    for item in PRINCIPLES:
        if not Principle.objects.filter(key=item["key"], locale=locale).exists():
            Principle.objects.create(
                key=item["key"],
                name=item["name"],
                order=item["order"],
                colour=item["colour"],
                short_description=item["short_description"],
                reflective_questions=[("question", q) for q in item["questions"]],
                locale=locale,
            )
            report.note(f"principle {item['key']}")
    for order, item in enumerate(LIFE_FACTORS, start=1):
        if not LifeFactor.objects.filter(key=item["key"], locale=locale).exists():
            LifeFactor.objects.create(order=order, locale=locale, **item)
            report.note(f"life factor {item['key']}")


SAFEGUARDING_MESSAGE = (
    "<p>If you are in danger now, call 999. If you need to talk to someone, the services "
    "below are free and confidential.</p>"
)
SIGNPOSTS = [
    {
        "name": "Samaritans",
        "description": "Someone to talk to, day or night.",
        "phone": "116 123",
        "url": "https://www.samaritans.org/",
    },
    {
        "name": "NHS 111",
        "description": "Urgent health advice, including mental health.",
        "phone": "111",
        "url": "https://111.nhs.uk/",
    },
]


CONTACT_DETAILS = (
    "<p>The hub's team reads messages on weekdays and answers within five working days. "
    "We cannot give advice about a person's care.</p>"
)
FOOTER_TEXT = (
    "<p>Stories, case studies and tools shared by people who use services, their families "
    "and the people who work with them.</p>"
)


def ensure_settings(report):
    site = Site.objects.get(is_default_site=True)
    hub_settings = HubSettings.for_site(site)
    if hub_settings.site_text_id is None:
        text = SiteText.objects.filter(key="site", locale=Locale.get_default()).first()
        if text is None:
            text = SiteText.objects.create(
                key="site",
                locale=Locale.get_default(),
                site_name=site.site_name or settings.WAGTAIL_SITE_NAME,
                support_message=SAFEGUARDING_MESSAGE,
                signposts=[("signpost", signpost) for signpost in SIGNPOSTS],
                contact_details=CONTACT_DETAILS,
                footer_text=FOOTER_TEXT,
            )
            report.note("site text and safeguarding signposts")
        hub_settings.site_text = text
        hub_settings.save()
