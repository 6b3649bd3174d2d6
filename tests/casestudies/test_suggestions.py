"""'Suggest a case study': the public form (errors keep everything typed; honeypot and rate limit
refuse software), the Editors' review queue, and one action from an accepted suggestion to a
draft case study."""

import re

from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from casestudies.models import CaseStudyPage, CaseStudySuggestion
from hub import ratelimit
from hub.groups import EDITORS, MODERATORS

SUGGEST = "/en/case-studies/suggest/"


def suggestion_data(**overrides):
    data = {
        "service_name": "Riverside Time Bank",
        "what_it_does": "Neighbours trade hours of help.",
        "location": "Riverside",
        "country": "wales",
        "who_took_part": "Members and two staff, planning together.",
        "strength_assets": "3",
        "how_assets": "Members teach each other skills.",
        "strength_networks": "2",
        "depth_level": "intermediate",
        "evidence": "Loneliness scores fell.",
        "links": "https://example.org/report\n\nhttps://example.org/",
        "contact_email": "suggester@example.org",
    }
    data.update(overrides)
    return data


def test_public_form_keeps_what_was_typed_and_refuses_software(client, site_tree):
    form = client.get(SUGGEST)
    html = form.content.decode()
    assert form.status_code == 200 and "private" in form["Cache-Control"]
    assert html.count('name="how_') == 6 and 'name="website"' in html

    bad = client.post(
        SUGGEST,
        suggestion_data(service_name="", links="not a link", contact_email="nope"),
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "Please check these answers" in html and "Please give the service&#x27;s name." in html
    assert "Line 1 is not a web address" in html
    assert "Members teach each other skills." in html and 'value="nope"' in html
    assert re.search(r'<input[^>]*name="strength_assets" value="3"[^>]*checked', html)
    assert CaseStudySuggestion.objects.count() == 0

    caught = client.post(SUGGEST, suggestion_data(website="http://spam.example"))
    assert caught.status_code == 302 and CaseStudySuggestion.objects.count() == 0

    allowed, _window = ratelimit.SUGGEST_LIMIT
    for _ in range(allowed):
        assert client.post(SUGGEST, suggestion_data()).status_code == 302
    refused = client.post(SUGGEST, suggestion_data(service_name="One too many"))
    assert refused.status_code == 429 and "One too many" in refused.content.decode()
    assert CaseStudySuggestion.objects.count() == allowed


def test_suggestion_goes_to_editors_and_becomes_a_draft_case_study(client, site_tree, make_user):
    response = client.post(SUGGEST, suggestion_data())
    assert response["Location"] == "/en/case-studies/suggest/sent/"
    suggestion = CaseStudySuggestion.objects.get()
    assert not suggestion.live and suggestion.language == "en"
    assert {"key": "assets", "strength": 3, "how": "Members teach each other skills."} in (
        suggestion.principles
    )
    assert suggestion.links == "https://example.org/report\nhttps://example.org/"

    # In the Editors' review queue, not the Moderators'.
    editor = make_user("editor", EDITORS)
    moderator = make_user("moderator", MODERATORS)
    state = suggestion.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert TaskState.objects.reviewable_by(editor).filter(workflow_state=state).exists()
    assert not TaskState.objects.reviewable_by(moderator).exists()

    # Not accepted yet: no draft can be made.
    draft_url = reverse("casestudies_suggestion_draft", args=[suggestion.pk])
    client.force_login(editor)
    client.post(draft_url)
    assert not CaseStudyPage.objects.filter(title="Riverside Time Bank").exists()

    # The editor approves: the suggestion is accepted.
    action = reverse(
        "wagtailsnippets_casestudies_casestudysuggestion:workflow_action",
        args=[suggestion.pk, "approve", suggestion.current_workflow_task_state.pk],
    )
    client.post(action, {"comment": ""})
    suggestion.refresh_from_db()
    assert suggestion.live

    listing = client.get(reverse("wagtailsnippets_casestudies_casestudysuggestion:list"))
    assert draft_url in listing.content.decode()

    client.force_login(moderator)
    assert client.post(draft_url).status_code in (302, 403)
    assert not CaseStudyPage.objects.filter(title="Riverside Time Bank").exists()

    client.force_login(editor)
    created = client.post(draft_url)
    page = CaseStudyPage.objects.get(title="Riverside Time Bank")
    assert created["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.location == "Riverside" and page.country == "wales"
    assert page.depth_level == "intermediate" and page.principles_assessed
    assert {r.principle.key: r.strength for r in page.principle_ratings.all()} == {
        "assets": 3,
        "networks": 2,
    }
    assert "Members teach each other skills." in str(page.body)
    assert [link.value["url"] for link in page.links] == [
        "https://example.org/report",
        "https://example.org/",
    ]
    suggestion.refresh_from_db()
    assert suggestion.case_study_id == page.pk
    # One draft only: a second press makes nothing more.
    client.post(draft_url)
    assert CaseStudyPage.objects.filter(title="Riverside Time Bank").count() == 1
