"""The self-assessment's three views: the form, the live preview of the wedge, and the result.

Nothing a visitor enters is stored: answers travel in the query string of a GET form, and the
result is a code in the URL (toolkits.assessment). They are the routes of SelfAssessmentPage
(`ROUTES`, added when the app is ready: hub.routes), so each takes the page first.
"""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hub.absolute_urls import absolute_url
from toolkits import assessment, recommendations

SUBMITTED = "rate"


def _statements(page):
    return list(page.statements.select_related("principle").order_by("sort_order", "pk"))


def _answers(statements, data):
    """{statement id: rating} of the valid answers in the query string."""
    answers = {}
    for statement in statements:
        rating = assessment.parse_rating(data.get(statement.field_name))
        if rating is not None:
            answers[statement.pk] = rating
    return answers


def _sections(page, statements, answers):
    by_key = {}
    for statement in statements:
        statement.answer = answers.get(statement.pk)
        by_key.setdefault(statement.principle.key, []).append(statement)
    principles = assessment.principles_in_order(page.locale_id)
    return [
        (principle, by_key[principle.key]) for principle in principles if principle.key in by_key
    ]


def assessment_form(page, request):
    statements = _statements(page)
    answers = _answers(statements, request.GET)
    missing = []
    if SUBMITTED in request.GET:
        missing = [statement for statement in statements if statement.pk not in answers]
        if statements and not missing:
            ratings = assessment.score({s.pk: s.principle.key for s in statements}, answers)
            code = assessment.encode(ratings)
            return redirect(page.get_url(request) + page.reverse_subpage("result", args=[code]))
    return page.render(
        request,
        context_overrides={
            "sections": _sections(page, statements, answers),
            "answers": answers,
            "missing": missing,
            "missing_ids": {statement.pk for statement in missing},
            "scale": SCALE,
            "principles": assessment.principles_in_order(page.locale_id),
            "preview_ratings": assessment.score(
                {s.pk: s.principle.key for s in statements}, answers
            ),
        },
    )


def assessment_preview(page, request):
    """Just the wedge for the answers so far, for the script that redraws it as people rate."""
    statements = _statements(page)
    ratings = assessment.score(
        {s.pk: s.principle.key for s in statements}, _answers(statements, request.GET)
    )
    html = render_to_string(
        "toolkits/includes/assessment_wedge.html",
        {"ratings": ratings, "principles": assessment.principles_in_order(page.locale_id)},
        request=request,
    )
    response = HttpResponse(html)
    response["X-Robots-Tag"] = "noindex"
    return response


def assessment_result(page, request, code):
    principles = assessment.principles_in_order(page.locale_id)
    by_key = {principle.key: principle for principle in principles}
    try:
        ratings = assessment.decode(code)
    except assessment.InvalidCode:
        response = page.render(
            request,
            template="toolkits/self_assessment_result.html",
            context_overrides={"invalid": True, "principles": principles},
        )
        response.status_code = 400
        return response

    weak_keys = assessment.weakest(ratings)
    case_studies, case_study_candidates = recommendations.case_studies_for(
        weak_keys, page.locale_id
    )
    context = {
        "code": code,
        "ratings": ratings,
        "principles": principles,
        "strongest": [by_key[key] for key in assessment.strongest(ratings) if key in by_key],
        "weakest": [by_key[key] for key in weak_keys if key in by_key],
        "case_studies": case_studies,
        "resources": recommendations.resources_for(case_study_candidates, page.locale_id),
        "guides": recommendations.guides_for(weak_keys, page.locale_id),
        "share_url": absolute_url(request.path),
        "form_url": page.get_url(request),
    }
    context.update(_comparison(request, ratings, by_key))
    return page.render(
        request, template="toolkits/self_assessment_result.html", context_overrides=context
    )


def _comparison(request, ratings, by_key):
    """The optional comparison with a previous result pasted as a link or code."""
    pasted = request.GET.get("compare", "").strip()[:500]
    if not pasted:
        return {"compare_value": ""}
    try:
        previous_code = assessment.code_from_text(pasted)
    except assessment.InvalidCode:
        return {
            "compare_value": pasted,
            "compare_error": _(
                "We could not read a result in that. Paste the whole link of an earlier "
                "result, or its six-character code, such as 302113."
            ),
        }
    previous = assessment.decode(previous_code)
    rows = [
        {
            "principle": by_key[key],
            "before": old,
            "after": new,
            "change": change,
            "size": abs(change) if change is not None else None,
        }
        for key, old, new, change in assessment.compare(previous, ratings)
        if key in by_key
    ]
    return {
        "compare_value": pasted,
        "previous_code": previous_code,
        "previous_ratings": previous,
        "comparison": rows,
    }


# The answer scale, lowest first. The values are the ratings the scoring averages.
SCALE = [
    (0, gettext_lazy("Not yet")),
    (1, gettext_lazy("A little")),
    (2, gettext_lazy("Mostly")),
    (3, gettext_lazy("Fully")),
]


def result_without_code(page, request):
    return redirect(page.get_url(request))


ROUTES = [
    path("", assessment_form, name="form_view"),
    path("preview/", assessment_preview, name="preview"),
    re_path(r"^result/(?P<code>[^/]{0,40})/$", assessment_result, name="result"),
    re_path(r"^result/$", result_without_code, name="result_without_code"),
]
