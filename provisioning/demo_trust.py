"""Demo trust pages: About, Privacy notice, Accessibility statement and Contact, written for this
hub. Loaded by `manage.py load_demo_content` (part "trust"), before the translations, which
carry their Welsh and Spanish (provisioning/demo/translations/).

Idempotent: a page is looked up by its slug under the home page and created only when missing,
so an editor's changes are never overwritten.
"""

import datetime

from wagtail.models import Locale

from hub.models import HomePage
from trust.models import ContactPage, TrustPage

REVIEWED = datetime.date(2026, 11, 1)

ABOUT = {
    "slug": "about",
    "title": "About this hub",
    "introduction": "Who runs this hub, what we mean by co-production, and how we look at the "
    "examples we publish.",
    "body": [
        ("heading", "Who runs the hub"),
        (
            "paragraph",
            "A small editorial team looks after the hub together with a reference group of "
            "people who use health and social care services. The reference group reads new "
            "pages before they are published and can ask for anything to be changed.",
        ),
        (
            "paragraph",
            "This is a demonstration site. The stories on it are fictional composites and are "
            "labelled as such.",
        ),
        ("heading", "What we mean by co-production"),
        (
            "paragraph",
            "Co-production means people who use services and people who provide them working as "
            "equals: planning, deciding, delivering and reviewing together. Everyone brings "
            "knowledge, and everyone's contribution is recognised.",
        ),
        ("heading", "How we look at case studies"),
        (
            "paragraph",
            "We rate each case study against six principles, from none to strong, and say how "
            "deep the co-production goes. We do this in the spirit of exploration: the ratings "
            "are a starting point for learning and conversation, not a score or an inspection.",
        ),
        (
            "paragraph",
            "A rating describes what the sources tell us at one time. If you know a service has "
            "changed, please tell us and we will look again.",
        ),
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy notice",
    "introduction": "What this hub stores about you, for how long, and how to take it back.",
    "body": [
        ("heading", "What we store"),
        (
            "paragraph",
            "If you only read the hub, we store nothing about you. We set no tracking cookies, "
            "use no analytics and load nothing from other websites.",
        ),
        (
            "paragraph",
            "If you share a story, we store the story under the name you chose, and a record of "
            "what you agreed to: whether it can be published, translated or quoted, and when "
            "you said yes. We never ask for your address.",
        ),
        (
            "paragraph",
            "Messages sent with the contact form and suggestions of case studies go to the "
            "editorial team. The contact form keeps nothing on the website; a suggestion is "
            "kept until an editor has dealt with it.",
        ),
        ("heading", "For how long"),
        (
            "paragraph",
            "An unfinished story is deleted a day after you last pressed a button. A published "
            "story stays until you take it back. To keep people from sending too many messages, "
            "we count requests from each connection for up to an hour, without keeping the "
            "address itself.",
        ),
        ("heading", "Taking your story back"),
        (
            "paragraph",
            "You can take your story back at any time with your private link, or by contacting "
            "us. We then delete it in every language, with its pictures, and keep only a note "
            "that a story was withdrawn on a date.",
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "introduction": "We want everyone to be able to use this hub, including people who use "
    "assistive technology.",
    "body": [
        ("heading", "How accessible the hub is"),
        (
            "paragraph",
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
            "Every page works without JavaScript, can be used with a keyboard alone, and shows "
            "where the focus is. Charts of the six principles always come with a table that "
            "says the same in words.",
        ),
        (
            "paragraph",
            "We check new page types with automated tests in English, Welsh and Spanish, and we "
            "ask people who use assistive technology to try them.",
        ),
        ("heading", "Known issues"),
        (
            "paragraph",
            "Some older documents linked from case studies and resources are PDF files that we "
            "do not control and that may not work well with screen readers. Some pages are not "
            "yet translated into Welsh or Spanish: they are shown in English and marked as "
            "such.",
        ),
        ("heading", "Telling us about a problem"),
        (
            "paragraph",
            "If something on the hub is hard to use, please tell us with the contact form, "
            "saying which page and what happened. We will reply within ten working days and "
            "tell you what we will do about it.",
        ),
    ],
}

CONTACT = {
    "slug": "contact",
    "title": "Contact us",
    "introduction": "Write to the team that runs the hub: a question, a correction, an "
    "accessibility problem or a story you want to take back.",
    "thank_you": "We read every message. If you gave an email address, we will reply within ten "
    "working days.",
}


def _body(blocks):
    return [
        ("heading", {"text": text, "level": "h2"})
        if kind == "heading"
        else ("paragraph", f"<p>{text}</p>")
        for kind, text in blocks
    ]


def _home():
    home = HomePage.objects.filter(depth=2, locale=Locale.get_default()).first()
    if home is None:
        raise RuntimeError("There is no home page: run `manage.py bootstrap_hub` first.")
    return home


def _add(home, page):
    home.add_child(instance=page)
    page.save_revision().publish()
    return page.title


def load():
    """Create the trust pages that are missing. Returns the titles created."""
    home = _home()
    existing = set(home.get_children().values_list("slug", flat=True))
    created = []
    for data in (ABOUT, PRIVACY, ACCESSIBILITY):
        if data["slug"] not in existing:
            page = TrustPage(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                body=_body(data["body"]),
                last_reviewed=REVIEWED,
            )
            created.append(_add(home, page))
    if CONTACT["slug"] not in existing:
        page = ContactPage(
            title=CONTACT["title"],
            slug=CONTACT["slug"],
            introduction=f"<p>{CONTACT['introduction']}</p>",
            thank_you=f"<p>{CONTACT['thank_you']}</p>",
        )
        created.append(_add(home, page))
    return created
