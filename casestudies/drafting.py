"""An accepted suggestion becomes a draft case study, in one action an editor takes.

The draft is never published here: an editor reads, checks the sources and rewrites it first.
What the visitor wrote about each principle goes into "Why is this co-production", their
evidence and who took part into "More about", so nothing they said is lost.
"""

from django.db import transaction
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, PrincipleRating
from hub.models import Principle


class NotReady(Exception):
    """The suggestion is not accepted, or already has its draft."""


def _paragraphs(text):
    return linebreaks(escape(text))


def _unique_slug(parent, name):
    base = slugify(name)[:70] or "suggested-case-study"
    slug, number = base, 1
    while parent.get_children().filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _links(text):
    return [
        ("link", {"title": line.strip(), "url": line.strip()})
        for line in text.splitlines()
        if line.strip()
    ]


@transaction.atomic
def draft_case_study(suggestion, user):
    """Create the draft case study for an accepted suggestion and link the two. Returns it."""
    if not suggestion.accepted or suggestion.case_study_id:
        raise NotReady
    locale = Locale.get_default()
    index = CaseStudyIndexPage.objects.get(locale=locale)
    principles = {p.key: p for p in Principle.objects.filter(locale=locale)}
    rated = [item for item in suggestion.principles if item.get("strength") is not None]
    why = "".join(
        f"<p><b>{escape(principles[item['key']].name)}</b></p>{_paragraphs(item['how'])}"
        for item in suggestion.principles
        if item.get("how") and item.get("key") in principles
    )
    more = _paragraphs(suggestion.what_it_does)
    more += f"<p><b>{escape(_('Who took part'))}</b></p>{_paragraphs(suggestion.who_took_part)}"
    body = [("more_about", more)]
    if why:
        body.append(("why_coproduction", why))
    if suggestion.evidence:
        body.append(("paragraph", _paragraphs(suggestion.evidence)))
    page = CaseStudyPage(
        title=suggestion.service_name,
        slug=_unique_slug(index, suggestion.service_name),
        summary=suggestion.what_it_does[:600],
        location=suggestion.location,
        country=suggestion.country,
        depth_level=suggestion.depth_level,
        principles_assessed=bool(rated),
        body=body,
        links=_links(suggestion.links),
        live=False,
        owner=user,
    )
    for item in rated:
        if item["key"] in principles:
            page.principle_ratings.add(
                PrincipleRating(principle=principles[item["key"]], strength=item["strength"])
            )
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    suggestion.case_study = page
    suggestion.save(update_fields=["case_study"])
    return page
