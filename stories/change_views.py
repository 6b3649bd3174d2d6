"""Changing a story from its private link after a moderator asked for changes.

No account and no retyping: the page opens with the story as the moderator last saw it (words
and pictures), the moderator's note beside it. Sending saves a new revision and puts the story
back into the same review workflow (stories.submission.resubmit_story). While the page is open
the session keeps only which pictures the story has (keys and image ids, never the files), so
a picture added before an error elsewhere is not lost.
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_protect
from wagtail.models import WorkflowState

from hub import ratelimit
from stories import holding
from stories.references import find_story
from stories.share_forms import MAX_MOMENTS, AboutForm, MattersForm
from stories.share_views import (
    DRAFT_LIFETIME,
    check_day,
    life_factors,
    mark_errors,
    moment_forms,
    no_store,
    route_url,
    store_moments,
    story_status,
)
from stories.submission import resubmit_story

CHANGE_KEY = "story_change"


def about_initial(story):
    return {
        "name_choice": "first_name" if story.use_first_name else "pseudonym",
        "pseudonym": story.pseudonym,
        "first_name": story.first_name,
        "title": story.title,
        "about_me": story.about_me,
        "region": story.region,
        "setting": story.setting,
        "voice": story.voice,
    }


def matters_initial(story):
    return {
        "life_factors": [factor.key for factor in story.life_factors.all()],
        "passions": story.passions,
        "hopes": story.hopes,
        "what_helps": story.what_helps,
        "what_gets_in_the_way": story.what_gets_in_the_way,
        "content_notes": story.content_notes,
    }


def day_from_story(story):
    moments = []
    for block in story.day:
        if block.block_type != "moment":
            continue
        image = block.value.get("image")
        moments.append(
            {
                "time_of_day": block.value.get("time_of_day", ""),
                "what_happens": block.value.get("what_happens", ""),
                "picture_alt": block.value.get("image_alt", "") if image else "",
                "picture": {"image": image.pk} if image else None,
            }
        )
    return {"moments": moments, "count": min(len(moments) + 1, MAX_MOMENTS)}


def open_day(request, story):
    """The day as this browser is changing it, or as the story has it."""
    kept = request.session.get(CHANGE_KEY)
    if kept and kept.get("story") == story.pk:
        return kept["day"]
    return day_from_story(story)


def keep_day(request, story, day):
    request.session[CHANGE_KEY] = {"story": story.pk, "day": day}
    holding.keep_alive([moment.get("picture") for moment in day["moments"]])
    if not request.user.is_authenticated:
        request.session.set_expiry(DRAFT_LIFETIME)


@csrf_protect
def change(request, index_page, token):
    context = {"page": index_page}
    if not ratelimit.allow(request, "status", ratelimit.STATUS_LIMIT):
        return no_store(
            TemplateResponse(request, "stories/share/status_unknown.html", context, status=429)
        )
    story = find_story(token)
    if story is None:
        return no_store(
            TemplateResponse(request, "stories/share/status_unknown.html", context, status=404)
        )
    status_path = route_url(index_page, request, "story_status", token=token)
    state = story.current_workflow_state
    if story.live or not state or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return HttpResponseRedirect(status_path)  # nothing to change: the status says why
    latest = story.get_latest_revision_as_object()
    factors = life_factors(index_page)

    if request.method != "POST":
        day = day_from_story(latest)
        keep_day(request, story, day)
        about = AboutForm(initial=about_initial(latest))
        matters = MattersForm(initial=matters_initial(latest), factors=factors)
        moment_list = moment_forms(day)
        return render(request, context, story, about, moment_list, matters)

    about = AboutForm(request.POST)
    matters = MattersForm(request.POST, factors=factors)
    day = open_day(request, story)
    moment_list = moment_forms(day, request.POST, request.FILES)
    moments = store_moments(moment_list, request.POST)
    keep_day(request, story, {"moments": moments, "count": len(moment_list)})
    valid = all([about.is_valid(), check_day(moment_list), matters.is_valid()])
    if not valid:
        return render(request, context, story, about, moment_list, matters, status=400)
    resubmit_story(story, index_page, about.cleaned_data, matters.cleaned_data, moments)
    request.session.pop(CHANGE_KEY, None)
    return HttpResponseRedirect(status_path + "?changed=1")


def render(request, context, story, about, moment_list, matters, status=200):
    forms = [about, *moment_list, matters]
    for form in forms:
        if form.is_bound:
            mark_errors(form)
    context.update(
        story=story,
        about=about,
        moments=moment_list,
        matters=matters,
        forms=forms,
        has_errors=any(form.is_bound and form.errors for form in forms),
        **story_status(story),
    )
    return no_store(TemplateResponse(request, "stories/share/change.html", context, status=status))
