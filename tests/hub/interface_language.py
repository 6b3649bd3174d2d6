"""What a Welsh or Spanish visitor reads: the public page types and the English interface strings
left in a page (test helpers shared by the server-side check and the browser walk).

English content on a page not translated yet is fine (it is marked with lang="en"); an English
*interface* string is not. A string is reported when a whole text node, or an aria-label,
placeholder or title, outside any element marked with another language, is the English of an
interface string the catalogue translates differently.
"""

from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

# The public page types, as paths under a language prefix (the demo toolkits, stories and the
# case study and resource made by build_every_page_type).
PAGE_PATHS = [
    "",
    "case-studies/",
    "case-studies/?keyword=peer-support",
    "case-studies/time-bank/",
    "principles/",
    "principles/assets/",
    "resources/",
    "resources/a-guide-to-time-banking/",
    "stories/",
    "stories/a-day-with-bees/",
    "stories/share/",
    "stories/share/about/",
    "toolkits/",
    "toolkits/starting-a-time-bank-or-time-credits-scheme/",
    "toolkits/self-assessment/",
    "toolkits/self-assessment/result/302113/",
    "search/?q=time",
    "no-such-page/",
]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
LABELS = ("aria-label", "placeholder", "title")


def build_every_page_type(home):
    """One page of each public type, in English only, under the bootstrapped `home`."""
    from casestudies.models import CaseStudyIndexPage, PrincipleIndexPage, ResourceIndexPage
    from hub.models import Principle
    from provisioning import demo_toolkits
    from stories.models import StoryIndexPage
    from tests.casestudies.factories import (
        CaseStudyPageFactory,
        PrinciplePageFactory,
        ResourcePageFactory,
    )
    from tests.stories.factories import make_story

    def section(model):
        return model.objects.child_of(home).get()

    CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Time bank in Leeds",
        slug="time-bank",
        ratings={"assets": 3, "networks": 2},
        keywords=["Peer Support"],
        live=True,
    )
    ResourcePageFactory(
        parent=section(ResourceIndexPage),
        title="A guide to time banking",
        slug="a-guide-to-time-banking",
        keywords=["Peer Support"],
        live=True,
    )
    PrinciplePageFactory(
        parent=section(PrincipleIndexPage),
        principle=Principle.objects.get(key="assets", locale=home.locale),
        live=True,
    )
    make_story(section(StoryIndexPage), publish=True, slug="a-day-with-bees", keywords=["Bees"])
    demo_toolkits.load()


def english_interface_strings(language):
    """The English strings the language's catalogue translates into something else."""
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(path))
    return {
        entry.msgid.strip()
        for entry in catalogue.translated_entries()
        if not entry.msgid_plural
        and entry.msgstr.strip() != entry.msgid.strip()
        and "%" not in entry.msgid
        and "{" not in entry.msgid
        and "\n" not in entry.msgid.strip()
    }


class _InterfaceText(HTMLParser):
    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, language in force)
        self.found = []

    def current(self):
        return self.stack[-1][1] if self.stack else self.language

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or self.current()
        if tag == "html":
            language = self.language
        if language == self.language:
            self.found.extend(attrs[name].strip() for name in LABELS if attrs.get(name))
        if tag not in VOID:
            self.stack.append((tag, language))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, -1, -1):
            if self.stack[position][0] == tag:
                del self.stack[position:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style", "title"):
            return
        if self.current() == self.language and data.strip():
            self.found.append(" ".join(data.split()))


def english_left_in(html, language, english):
    """The English interface strings in a page rendered for `language`."""
    parser = _InterfaceText(language)
    parser.feed(html)
    return sorted({text for text in parser.found if text in english})
