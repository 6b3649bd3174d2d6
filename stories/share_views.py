"""'Share your story' without an account, and the contributor's private status page.

The form runs on the server, one step per page, so it works without JavaScript. What a person
types is kept in their session from the moment they press a button, whether or not the step is
complete, so an error or going back never loses anything. No story exists until they press
Send on the last step; then the session copy is deleted. The session itself is a row in the
database (Django's default session store), so an abandoned draft is given a short life:
DRAFT_LIFETIME after the last button press, then `daily_cleanup` removes it. Pictures are not in
the session, only their keys: they wait in the private holding area (stories.holding).
"""

import smtplib

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_protect

from hub import ratelimit
from hub.absolute_urls import absolute_url
from hub.models import LifeFactor
from hub.public_forms import mark_errors, no_store
from hub.templatetags.hub_tags import visitor_url
from stories import holding
from stories.choices import ContentNote, HowGiven, Region, Setting, Voice
from stories.holding import UploadBudget, bytes_held
from stories.link_email import email_private_link
from stories.references import find_story
from stories.share_forms import (
    MAX_MOMENTS,
    AboutForm,
    ConsentForm,
    EmailLinkForm,
    MattersForm,
    MomentForm,
    SendForm,
    require_a_moment,
)
from stories.submission import create_story
from stories.withdrawal import WithdrawnBy, withdraw_story

SESSION_KEY = "story_share"
DRAFT_LIFETIME = 24 * 60 * 60  # seconds: a day to come back to an unfinished story
SENT_KEY = "story_share_sent"
START_MOMENTS = 3

STEPS = [
    ("about", gettext_lazy("About you")),
    ("day", gettext_lazy("Your day")),
    ("matters", gettext_lazy("What matters to you")),
    ("consent", gettext_lazy("Saying yes")),
    ("check", gettext_lazy("Check and send")),
]
STEP_NAMES = [name for name, _label in STEPS]


# Session storage ------------------------------------------------------------------------------


def draft(request):
    return request.session.get(SESSION_KEY) or {}


def save_draft(request, data):
    request.session[SESSION_KEY] = data
    holding.keep_alive(draft_pictures(data))
    request.session.modified = True
    if not request.user.is_authenticated:  # an editor's admin login keeps its own length
        request.session.set_expiry(DRAFT_LIFETIME)


def raw_values(form, post):
    """What was typed into a form's fields, valid or not, in a shape that fits the session."""
    values = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if getattr(field.widget, "allow_multiple_selected", False):
            values[name] = post.getlist(key)
        elif isinstance(field, forms.FileField):
            continue  # pictures are checked and kept separately (store_moments)
        elif isinstance(field, forms.BooleanField):
            values[name] = key in post
        else:
            values[name] = post.get(key, "")
    return values


# The steps ------------------------------------------------------------------------------------


def life_factors(index_page):
    return LifeFactor.in_language(index_page.locale_id)


def build_form(step, index_page, data=None, initial=None):
    initial = initial or {}
    if step == "about":
        return AboutForm(data, initial=initial)
    if step == "matters":
        return MattersForm(data, initial=initial, factors=life_factors(index_page))
    if step == "consent":
        return ConsentForm(data, initial=initial)
    if step == "check":
        return SendForm(data)
    raise Http404


def moment_forms(stored, data=None, files=None):
    moments = stored.get("moments") or []
    count = max(stored.get("count", START_MOMENTS), len(moments), 1)
    budget = UploadBudget(bytes_held(kept_pictures(moments, data, files)))
    result = []
    for position in range(count):
        saved = dict(moments[position]) if position < len(moments) else {}
        picture = saved.pop("picture", None)
        result.append(
            MomentForm(
                data,
                files,
                prefix=f"moment-{position}",
                initial=saved,
                stored_picture=picture,
                budget=budget,
            )
        )
    return result


def kept_pictures(moments, data=None, files=None):
    """Held pictures of a draft that this request neither replaces nor removes."""
    kept = []
    for position, moment in enumerate(moments):
        prefix = f"moment-{position}"
        replaced = files is not None and files.get(f"{prefix}-picture")
        removed = data is not None and f"{prefix}-remove_picture" in data
        if moment.get("picture") and not (replaced or removed):
            kept.append(moment["picture"])
    return kept


def draft_pictures(stored):
    return [moment.get("picture") for moment in stored.get("day", {}).get("moments") or []]


def day_is_valid(moment_list):
    valid = all(form.is_valid() for form in moment_list)
    return valid and any(not form.is_empty() for form in moment_list)


def check_day(moment_list):
    """Validate a posted day, saying so when no moment is filled in."""
    require_a_moment(moment_list)
    return day_is_valid(moment_list)


def store_moments(moment_list, post):
    """Keep every moment as typed, and every picture that passed its checks."""
    moments = []
    for form in moment_list:
        values = raw_values(form, post)
        values.pop("remove_picture", None)
        form.is_valid()  # runs the picture checks, so a good picture is kept even on an error
        picture = form.new_picture or form.stored_picture
        if form.prefix + "-remove_picture" in post and not form.new_picture:
            picture = None
        if picture != form.stored_picture:
            holding.discard([form.stored_picture])  # replaced or removed: gone for good
        values["picture"] = picture
        form.stored_picture = picture  # shown as kept if the step is displayed again
        moments.append(values)
    return moments


def step_is_valid(step, stored, index_page):
    if step == "day":
        return day_is_valid(moment_forms(stored.get("day", {}), day_data(stored.get("day", {}))))
    values = stored.get(step)
    if values is None:
        return False
    form = build_form(step, index_page, data=as_form_data(values))
    return form.is_valid()


def day_data(day):
    """Rebuild form data from stored moments, to validate them again before sending."""
    data = {}
    for position, moment in enumerate(day.get("moments") or []):
        for name in ("time_of_day", "what_happens", "picture_alt"):
            data[f"moment-{position}-{name}"] = moment.get(name, "")
    return data


def as_form_data(values):
    from django.utils.datastructures import MultiValueDict

    data = MultiValueDict()
    for name, value in values.items():
        if isinstance(value, list):
            data.setlist(name, value)
        elif value is True:
            data[name] = "on"
        elif value is False:
            continue
        else:
            data[name] = value
    return data


def first_unfinished_step(stored, index_page):
    for step in STEP_NAMES[:-1]:
        if not step_is_valid(step, stored, index_page):
            return step
    return None


def route_url(index_page, request, name, **kwargs):
    """A route of the stories index at the visitor's language prefix: a Welsh contributor on the
    English index (no Welsh one yet, hub.views) stays in Welsh from step to step, and their
    private link, its status page and its messages are in Welsh too."""
    base = visitor_url(index_page, request)
    return base + index_page.reverse_subpage(name, kwargs=kwargs or None)


def step_url(index_page, step, request):
    return route_url(index_page, request, "share", step=step)


# Views ----------------------------------------------------------------------------------------


@csrf_protect
def share(request, index_page, step):
    if step is None:
        return render_step(request, index_page, "start", {})
    if step not in STEP_NAMES:
        raise Http404
    stored = draft(request)

    if request.method == "POST":
        direction = request.POST.get("go", "next")
        if step == "check":
            return send(request, index_page, stored)
        if step == "day":
            moment_list = moment_forms(stored.get("day", {}), request.POST, request.FILES)
            moments = store_moments(moment_list, request.POST)
            count = len(moments)
            if direction == "add" and count < MAX_MOMENTS:
                count += 1
            stored["day"] = {"moments": moments, "count": count}
            save_draft(request, stored)
            if direction == "add":
                url = step_url(index_page, "day", request) + f"#moment-{count - 1}"
                return HttpResponseRedirect(url)
            valid = check_day(moment_list)
            form = moment_list
        else:
            form = build_form(step, index_page, request.POST)
            stored[step] = raw_values(form, request.POST)
            save_draft(request, stored)
            valid = form.is_valid()
        position = STEP_NAMES.index(step)
        if direction == "back":
            return HttpResponseRedirect(
                step_url(index_page, STEP_NAMES[max(position - 1, 0)], request)
            )
        if valid:
            return HttpResponseRedirect(step_url(index_page, STEP_NAMES[position + 1], request))
        return render_step(request, index_page, step, {"form": form}, status=400)

    if step == "check":
        unfinished = first_unfinished_step(stored, index_page)
        if unfinished:
            messages.info(request, _("Please finish this step first."))
            return HttpResponseRedirect(step_url(index_page, unfinished, request))
        return render_step(
            request, index_page, step, {"form": SendForm(), "summary": summary(stored, index_page)}
        )
    if step == "day":
        form = moment_forms(stored.get("day", {}))
    else:
        form = build_form(step, index_page, initial=stored.get(step) or None)
    return render_step(request, index_page, step, {"form": form})


def render_step(request, index_page, step, context, status=200):
    form = context.get("form")
    bound_forms = form if isinstance(form, list) else [form] if form is not None else []
    for each in bound_forms:
        if each.is_bound:
            mark_errors(each)
    position = STEP_NAMES.index(step) if step in STEP_NAMES else -1
    context.update(
        page=index_page,
        step=step,
        steps=[(name, label, step_url(index_page, name, request)) for name, label in STEPS],
        step_number=position + 1,
        step_label=dict(STEPS).get(step),
        step_count=len(STEPS),
        forms=bound_forms,
        has_errors=any(each.is_bound and each.errors for each in bound_forms),
        first_step_url=step_url(index_page, STEP_NAMES[0], request),
    )
    template = "stories/share/start.html" if step == "start" else f"stories/share/{step}.html"
    return no_store(TemplateResponse(request, template, context, status=status))


def summary(stored, index_page):
    about = stored.get("about", {})
    matters = stored.get("matters", {})
    consent = stored.get("consent", {})
    factor_names = {f.key: f.name for f in life_factors(index_page)}
    notes = dict(ContentNote.choices)
    return {
        "about": about,
        "name": about.get("first_name")
        if about.get("name_choice") == "first_name"
        else about.get("pseudonym"),
        "region": dict(Region.choices).get(about.get("region")),
        "setting": dict(Setting.choices).get(about.get("setting")),
        "voice": dict(Voice.choices).get(about.get("voice")),
        "moments": [
            m
            for m in stored.get("day", {}).get("moments", [])
            if m.get("time_of_day") or m.get("what_happens")
        ],
        "matters": matters,
        "factors": [factor_names[k] for k in matters.get("life_factors", []) if k in factor_names],
        "content_notes": [notes[k] for k in matters.get("content_notes", []) if k in notes],
        "consent": consent,
        "how_given": dict(HowGiven.choices).get(consent.get("how_given")),
    }


def send(request, index_page, stored):
    form = SendForm(request.POST)
    if request.POST.get("go") == "back":
        return HttpResponseRedirect(step_url(index_page, STEP_NAMES[-2], request))
    unfinished = first_unfinished_step(stored, index_page)
    if unfinished:
        messages.info(request, _("Please finish this step first."))
        return HttpResponseRedirect(step_url(index_page, unfinished, request))
    sent_url = route_url(index_page, request, "share_sent")
    if form.caught():
        # The honeypot was filled in: say thank you, keep nothing.
        holding.discard(draft_pictures(stored))
        request.session.pop(SESSION_KEY, None)
        request.session[SENT_KEY] = ""
        return HttpResponseRedirect(sent_url)
    if not ratelimit.allow(request, "send", ratelimit.SEND_LIMIT):
        response = render_step(
            request,
            index_page,
            "check",
            {"form": form, "summary": summary(stored, index_page), "rate_limited": True},
            status=429,
        )
        return response
    token = create_story(index_page, stored)
    request.session.pop(SESSION_KEY, None)
    request.session[SENT_KEY] = token
    return HttpResponseRedirect(sent_url)


def sent(request, index_page):
    # The link is shown once: the session keeps it only until this page is seen.
    token = request.session.pop(SENT_KEY, None)
    if token is None:
        return HttpResponseRedirect(route_url(index_page, request, "share_start"))
    context = {"page": index_page, "email_form": EmailLinkForm()}
    if token:
        context["status_url"] = status_url(index_page, request, token)
    return no_store(TemplateResponse(request, "stories/share/sent.html", context))


def status_url(index_page, request, token):
    path = route_url(index_page, request, "story_status", token=token)
    return absolute_url(path)


@csrf_protect
def status(request, index_page, token):
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
    email_form = EmailLinkForm()
    response_status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withdraw-confirmed":
            withdraw_story(story, by=WithdrawnBy.CONTRIBUTOR)
            return no_store(TemplateResponse(request, "stories/share/withdrawn.html", context))
        if action == "withdraw":
            context["story"] = story
            return no_store(
                TemplateResponse(request, "stories/share/withdraw_confirm.html", context)
            )
        if action == "email":
            email_form, response_status = email_link(request, index_page, token, context)
    if request.GET.get("changed") == "1":
        context["changes_sent"] = True
    context.update(
        story=story,
        status_url=status_url(index_page, request, token),
        change_url=route_url(index_page, request, "story_change", token=token),
        email_form=email_form,
        forms=[email_form],
        has_errors=email_form.is_bound and bool(email_form.errors),
        **story_status(story),
    )
    if context["has_errors"]:
        mark_errors(email_form)
    return no_store(
        TemplateResponse(request, "stories/share/status.html", context, status=response_status)
    )


def email_link(request, index_page, token, context):
    """Send the link once to the address given; the address itself goes nowhere else."""
    form = EmailLinkForm(request.POST)
    if not form.is_valid():
        return form, 400
    if not ratelimit.allow(request, "email", ratelimit.EMAIL_LIMIT):
        context["email_limited"] = True
        return EmailLinkForm(), 429
    try:
        email_private_link(form.cleaned_data["email"], status_url(index_page, request, token))
    except (smtplib.SMTPException, OSError):
        # Not logged: the error would carry the address. The page says so; the link is on it.
        context["email_failed"] = True
        return EmailLinkForm(), 503
    context["email_sent"] = True
    return EmailLinkForm(), 200


def story_status(story):
    """Where a story is, in the words a contributor would use, and any note from a moderator."""
    from wagtail.models import TaskState, WorkflowState

    if story.live:
        return {"status": "published", "status_label": _("Published")}
    workflow_state = story.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            TaskState.objects.filter(
                workflow_state=workflow_state, status=TaskState.STATUS_REJECTED
            )
            .order_by("-finished_at")
            .first()
        )
        return {
            "status": "changes",
            "status_label": _("Changes suggested"),
            "moderator_note": rejected.comment if rejected else "",
        }
    return {"status": "moderation", "status_label": _("With a moderator")}
