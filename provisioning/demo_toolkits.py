"""Demo toolkits, a learning forum with a published guide and a guide in review, and the
self-assessment. Loaded by `manage.py load_demo_content` (run by `make setup`).

Idempotent: each page is looked up by its slug and created only when missing, so running it
again changes nothing and never overwrites an editor's work. The forum and its organisations are
fictional; facts about time banking come from ../shared/data/stories-and-time-credits.json.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Locale

from casestudies.models import FrameworkElement
from hub.collections import ensure_collection
from hub.groups import FORUM_MEMBERS
from hub.models import Principle
from provisioning.demo_users import demo_password
from toolkits.forums import access_for, ensure_forum, make_members_only
from toolkits.models import (
    AssessmentStatement,
    GuidePage,
    LearningForumPage,
    SelfAssessmentPage,
    ToolkitIndexPage,
    ToolkitPage,
)

REVIEWED = datetime.date(2026, 10, 1)


def _step(heading, text, checklist=()):
    return ("step", {"heading": heading, "text": text, "checklist": list(checklist)})


PEER_SUPPORT = {
    "slug": "setting-up-peer-support",
    "title": "Setting up peer support",
    "audience": "practitioners",
    "summary": (
        "How to start a peer support group in which people with lived experience support each "
        "other, with staff in the background rather than in charge."
    ),
    "principles": ["networks", "mutuality", "assets"],
    "framework_elements": ["cahn-core-values:social-networks", "cahn-core-values:reciprocity"],
    "keywords": ["Peer Support", "Self-help Groups"],
    "co_authors": "Hub editors\nTwo peer supporters from a demo learning forum",
    "steps": [
        _step(
            "Ask who wants it",
            "<p>Before booking a room, talk to the people who would come. Ask what kind of "
            "support they would value from someone who has been there, and what would put "
            "them off.</p>",
            ["At least five people have said they would come", "You know what they want from it"],
        ),
        _step(
            "Agree the ground rules together",
            "<p>The group writes its own agreement: confidentiality, how people take turns, "
            "what happens if someone is in crisis. Staff can suggest, but the group decides.</p>",
            ["A written agreement everyone has seen", "A plan for when someone needs urgent help"],
        ),
        _step(
            "Train and back the peer supporters",
            "<p>Offer short training to the members who want to facilitate, and a named "
            "member of staff they can debrief with. Pay or thank them for their time.</p>",
        ),
        _step(
            "Review it every few months",
            "<p>Ask members what is working and change the format with them. Count what "
            "matters to them, not only attendance.</p>",
        ),
    ],
}

TIME_BANK = {
    "slug": "starting-a-time-bank-or-time-credits-scheme",
    "title": "Starting a time bank or Time Credits scheme",
    "audience": "managers",
    "summary": (
        "Time banks and Time Credits recognise the time people give: one hour given earns one "
        "credit, whoever gives it. This toolkit walks through setting one up in a health or "
        "care service."
    ),
    "principles": ["mutuality", "catalysts", "assets"],
    "framework_elements": [
        "cahn-core-values:assets",
        "cahn-core-values:reciprocity",
        "cahn-core-values:redefining-work",
    ],
    "keywords": ["Time Banking"],
    "co_authors": "Hub editors",
    "steps": [
        _step(
            "Understand the idea",
            "<p>In a time bank every member's hour is worth the same: an hour of gardening "
            "and an hour of accountancy each earn one credit, which is banked and spent on "
            "another member's help. Time Credits, such as the Spice model, grew out of Edgar "
            "Cahn's time banking: people earn a credit for each hour they give to their "
            "community or a service, and spend it on events, training and leisure, or give "
            "it to someone to say thank you.</p>",
        ),
        _step(
            "Decide what earns a credit and what credits buy",
            "<p>List the ways people can give time (running an activity, welcoming "
            "newcomers, sweeping up after a class) and find partners who will accept "
            "credits. In Bath, Time Bank Plus members swapped credits for cinema and theatre "
            "tickets and training; in Gloucester, prisoners earned credits and donated them to "
            "their families.</p>",
            ["A list of ways to earn", "At least three places to spend credits"],
        ),
        _step(
            "Name a time broker",
            "<p>Someone has to match offers to requests, welcome new members and keep the "
            "register of skills and availability (time banks often use software for this). "
            "Give that person protected, paid time: schemes falter when it is squeezed in "
            "around other work.</p>",
        ),
        _step(
            "Adapt it for people with complex needs",
            "<p>Whole-hour credits can be a barrier for someone who can manage twenty minutes "
            "at a time, so consider smaller units. Expect to spend more time helping people "
            "to spend their credits, and treat that support as part of the job.</p>",
            ["Smaller units considered", "Support to spend credits is in someone's role"],
        ),
        _step(
            "Grow it with partners",
            "<p>Time banks have started inside hospitals as well as in neighbourhoods: the "
            "Maudsley Time Bank ran in a hospital occupational therapy centre, and ward time "
            "banks helped patients stay linked to community time banks through admission and "
            "discharge. Councils such as Chorley have taken Time Credits across a whole area. "
            "Credits can also recognise people's part in participatory budgeting.</p>",
        ),
    ],
    "download": {
        "title": "Time bank planning checklist",
        "filename": "time-bank-planning-checklist.txt",
        "body": (
            "Time bank planning checklist\n\n"
            "1. Who will the members be?\n2. What earns a credit?\n"
            "3. Where can credits be spent?\n4. Who is the time broker, and for how many hours?\n"
            "5. How will members with complex needs be supported to earn and spend?\n"
        ),
        "html": (
            "<h3>Time bank planning checklist</h3><ol><li>Who will the members be?</li>"
            "<li>What earns a credit?</li><li>Where can credits be spent?</li>"
            "<li>Who is the time broker, and for how many hours?</li>"
            "<li>How will members with complex needs be supported to earn and spend?</li></ol>"
        ),
    },
}

FORUM = {
    "slug": "riverside-learning-forum",
    "title": "Riverside learning forum",
    "purpose": (
        "<p>Six services in a fictional river valley meet every two months to share what they "
        "are learning about working with the people who use them, and to write practical "
        "guides together. This forum is a demonstration.</p>"
    ),
    "member_organisations": (
        "Riverside Recovery Café (demo)\nValley Carers Network (demo)\n"
        "Northbank Community Mental Health Team (demo)\nBridge Street Day Opportunities (demo)"
    ),
}

CO_DESIGN = {
    "slug": "co-designing-a-service-with-experts-by-experience",
    "title": "Co-designing a service with experts by experience",
    "audience": "managers",
    "summary": (
        "How a service can design a new offer together with people who have lived experience "
        "of it, from the first conversation to running it, with power shared along the way."
    ),
    "principles": ["blur_roles", "assets", "capabilities"],
    "framework_elements": [
        "systems-change:co-production",
        "personalised-support:working-in-partnership",
    ],
    "keywords": ["Co-design", "Experts by Experience"],
    "co_authors": "Members of the Riverside learning forum (demo)",
    "steps": [
        _step(
            "Start before there is a plan",
            "<p>Invite experts by experience in while the question is still open. If the "
            "answer is already decided, say so honestly and ask for help with what is not.</p>",
        ),
        _step(
            "Make taking part possible",
            "<p>Pay for people's time and expenses, meet in accessible places at sensible "
            "times, send papers in plain language well ahead, and offer a named contact.</p>",
            ["Payment policy agreed", "Easy-read versions of papers", "Travel costs covered"],
        ),
        _step(
            "Share the decisions, not only the talking",
            "<p>Agree at the start which decisions the group will make, which it will shape, "
            "and which stay with managers. Report back on every suggestion, including the "
            "ones you could not take up, and why.</p>",
        ),
        _step(
            "Keep going once it runs",
            "<p>Co-design does not end at launch. Experts by experience can help recruit "
            "staff, run parts of the service and review it.</p>",
        ),
    ],
}

IN_REVIEW = {
    "slug": "thanking-people-for-their-time",
    "title": "Thanking people for their time",
    "audience": "managers",
    "summary": (
        "Ways to recognise the time people with lived experience give to a service, from "
        "payment to Time Credits, and what to check before offering each."
    ),
    "principles": ["mutuality"],
    "keywords": ["Time Banking", "Experts by Experience"],
    "co_authors": "Frankie Forum (demo)",
    "steps": [
        _step(
            "Ask people what they would value",
            "<p>Some people want payment, some want training or a reference, some want "
            "nothing that could affect their benefits. Ask before you decide.</p>",
        ),
    ],
}

MEMBERS_ONLY = {
    "slug": "forum-working-notes",
    "title": "Forum working notes: peer support in our services",
    "audience": "practitioners",
    "summary": (
        "The forum's shared notes on what each service is trying with peer support, kept for "
        "members while the ideas are rough."
    ),
    "principles": ["networks"],
    "keywords": ["Peer Support"],
    "co_authors": "Riverside learning forum members (demo)",
    "steps": [
        _step(
            "Where each service has got to",
            "<p>Rough notes from the last meeting, not for publication.</p>",
        ),
    ],
}

ASSESSMENT = {
    "slug": "self-assessment",
    "title": "How co-produced is your service?",
    "introduction": (
        "<p>Rate your service against the six principles of co-production. It takes about "
        "ten minutes. You will see your own wedge, the principles where you are strongest "
        "and where you could grow, and examples and guides to help. Nothing is stored: your "
        "result lives only in its link.</p>"
    ),
    "after_result": (
        "<p>A self-assessment is a starting point for a conversation. Try it again with "
        "people who use your service and compare your results.</p>"
    ),
    "statements": {
        "assets": [
            "We ask people who use our service what they know and can do, not only what they need.",
            "The experience of people who use our service counts as expertise when we make "
            "decisions.",
            "People who use our service plan it with us as equals, not as an audience.",
        ],
        "capabilities": [
            "Our assessments record what people can do as carefully as what they find hard.",
            "People have real chances here to learn new skills and to use the ones they have.",
            "When someone wants to try something new, we look for a way to make it happen.",
        ],
        "mutuality": [
            "People who use our service give as well as receive, and what they give is recognised.",
            "Staff and the people they support agree together what each of them will do.",
            "We have ways to thank or reward people for their time, such as Time Credits.",
        ],
        "networks": [
            "We help people keep and build friendships and links outside our service.",
            "Peer support is part of how our service works, not an extra.",
            "We work with local groups, families and neighbours, not only with other "
            "professionals.",
        ],
        "blur_roles": [
            "People who use our service help to recruit, train or appraise our staff.",
            "Some activities are led by people who use the service, with staff in support.",
            "Staff are free to bring their own interests and skills, not only their job role.",
            "Decisions about money are shared with the people it is spent on.",
        ],
        "catalysts": [
            "We see our job as making things possible for others, not doing everything ourselves.",
            "When people want to start something, we help with a room, contacts or a little money.",
            "Our managers and commissioners back ways of working that hand over control.",
        ],
    },
}

DEMO_FORUM_MODERATOR = ("forum-moderator", "Fern Facilitator")


def _principles(keys):
    return list(Principle.objects.filter(key__in=keys, locale=Locale.get_default()))


def _framework_elements(slugs):
    """The elements named "framework:element" that the catalogue has loaded (none without it)."""
    wanted = {tuple(slug.split(":", 1)) for slug in slugs}
    elements = FrameworkElement.objects.filter(
        locale=Locale.get_default(), key__in=[key for _framework, key in wanted]
    ).select_related("framework")
    return [element for element in elements if (element.framework.key, element.key) in wanted]


def _practical(model, parent, data, report, publish=True, user=None):
    existing = model.objects.child_of(parent).filter(slug=data["slug"]).first()
    if existing:
        return existing, False
    page = model(
        title=data["title"],
        slug=data["slug"],
        audience=data["audience"],
        summary=data["summary"],
        steps=data["steps"],
        co_authors=data["co_authors"],
        last_reviewed=REVIEWED if publish else None,
        owner=user,
        live=False,  # a draft until its revision is published
    )
    page.principles = _principles(data["principles"])
    page.framework_elements = _framework_elements(data.get("framework_elements", []))
    page.keywords.add(*data["keywords"])
    if "download" in data:
        page.downloads = [("download", _download(data["download"]))]
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish()
    report.append(f"{model._meta.verbose_name} {data['title']}")
    return page, True


def _download(data):
    Document = get_document_model()
    document = Document.objects.filter(title=data["title"]).first()
    if document is None:
        document = Document(title=data["title"], collection=ensure_collection("Toolkits"))
        document.file.save(data["filename"], ContentFile(data["body"].encode()), save=False)
        document.save()
    return {
        "document": document,
        "title": data["title"],
        "description": "A one-page list of questions to answer before launch.",
        "html_alternative": data["html"],
    }


def _demo_users(forum, report):
    """The demo forum member drafts in the forum; a demo moderator reviews (dev settings only)."""
    if not getattr(settings, "HUB_DEMO_LOGINS", False):
        return None
    User = get_user_model()
    access = access_for(forum)
    member = User.objects.filter(username="forum").first()
    if member:
        member.groups.add(access.members)
    username, display_name = DEMO_FORUM_MODERATOR
    moderator = User.objects.filter(username=username).first()
    if moderator is None:
        first, last = display_name.split(" ", 1)
        moderator = User(
            username=username, first_name=first, last_name=last, email=f"{username}@example.org"
        )
        moderator.set_password(demo_password(username))
        moderator.save()
        report.append(f"demo user {username}")
    moderator.groups.add(access.moderators, *Group.objects.filter(name=FORUM_MEMBERS))
    return member


def _assessment(index, report):
    page = SelfAssessmentPage.objects.child_of(index).first()
    if page:
        return page
    page = SelfAssessmentPage(
        title=ASSESSMENT["title"],
        slug=ASSESSMENT["slug"],
        introduction=ASSESSMENT["introduction"],
        after_result=ASSESSMENT["after_result"],
    )
    principles = {p.key: p for p in _principles(ASSESSMENT["statements"])}
    for key, texts in ASSESSMENT["statements"].items():
        for text in texts:
            page.statements.add(AssessmentStatement(principle=principles[key], text=text))
    index.add_child(instance=page)
    page.save_revision().publish()
    report.append("self-assessment")
    return page


@transaction.atomic
def load():
    """Create the demo content that is missing. Returns what was created."""
    report = []
    index = ToolkitIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise RuntimeError("Run `manage.py bootstrap_hub` first: there is no Toolkits section.")
    _practical(ToolkitPage, index, PEER_SUPPORT, report)
    _practical(ToolkitPage, index, TIME_BANK, report)
    _assessment(index, report)

    forum = LearningForumPage.objects.child_of(index).filter(slug=FORUM["slug"]).first()
    if forum is None:
        forum = LearningForumPage(
            **FORUM,
            meeting_notes=[
                (
                    "meeting",
                    {
                        "date": datetime.date(2026, 9, 15),
                        "heading": "Paying people for their time",
                        "notes": "<p>We compared how our services thank people who help "
                        "design them, and agreed to write a guide.</p>",
                    },
                )
            ],
        )
        index.add_child(instance=forum)
        forum.save_revision().publish()
        report.append(f"learning forum {forum.title}")
    ensure_forum(forum)
    member = _demo_users(forum, report)

    _practical(GuidePage, forum, CO_DESIGN, report)
    notes, created = _practical(GuidePage, forum, MEMBERS_ONLY, report)
    make_members_only(notes, forum)
    guide, created = _practical(GuidePage, forum, IN_REVIEW, report, publish=False, user=member)
    if created:
        # A real submission: the workflow starts at the forum moderators' step.
        guide.get_workflow().start(guide, member)
    return report
