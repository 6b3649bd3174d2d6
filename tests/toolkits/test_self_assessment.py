"""The self-assessment as a visitor meets it: the form, the result and its recommendations."""

import pytest

from casestudies.models import CaseStudyIndexPage, ResourceIndexPage
from tests.casestudies.factories import CaseStudyPageFactory, ResourcePageFactory
from tests.toolkits.factories import SelfAssessmentPageFactory, ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(section):
    return SelfAssessmentPageFactory(parent=section(ToolkitIndexPage), slug="self-assessment")


def answers_for(assessment, ratings):
    """Query data rating every statement of a principle with the given value."""
    data = {"rate": "1"}
    for statement in assessment.statements.select_related("principle"):
        data[statement.field_name] = str(ratings[statement.principle.key])
    return data


def test_the_form_lists_statements_by_principle_with_labelled_choices(client, assessment):
    html = client.get(assessment.url).content.decode()
    statement = assessment.statements.first()

    assert '<h2 id="principle-assets">Assets</h2>' in html
    assert f'<legend class="rating__statement">{statement.text}</legend>' in html
    assert f'<label for="{statement.field_name}-0">Not yet</label>' in html
    assert f'<label for="{statement.field_name}-3">Fully</label>' in html
    assert 'method="get"' in html


def test_a_complete_form_redirects_to_a_shareable_result(client, assessment):
    ratings = {"assets": 3, "capabilities": 0, "mutuality": 2, "networks": 1}
    ratings |= {"blur_roles": 1, "catalysts": 3}

    response = client.get(assessment.url, answers_for(assessment, ratings))

    assert response.status_code == 302
    assert response["Location"] == f"{assessment.url}result/302113/"


def test_missing_answers_are_listed_and_given_answers_kept(client, assessment):
    first, second, *rest = list(assessment.statements.all())

    response = client.get(
        assessment.url, {"rate": "1", first.field_name: "2", second.field_name: "9"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "statements still need a rating" in html
    assert f'href="#statement-{second.pk}"' in html  # "9" is no answer
    assert f'href="#statement-{first.pk}"' not in html
    assert f'id="{first.field_name}-2" name="{first.field_name}" value="2" checked' in html
    assert html.count(" checked") == 1


def test_the_result_shows_the_shared_wedge_strongest_weakest_and_questions(client, assessment):
    html = client.get(f"{assessment.url}result/302113/").content.decode()

    assert '<figure class="wedge">' in html and 'class="wedge__table"' in html
    assert "Strong (3 of 3)" in html and "None (0 of 3)" in html
    strongest = html.split("Strongest:")[1].split("</p>")[0]
    weakest = html.split("Most room to grow:")[1].split("</p>")[0]
    assert "Assets" in strongest and "Catalysts" in strongest
    assert "Capabilities" in weakest and "Networks" not in weakest
    # Reflective questions of the weakest principle (seeded by the bootstrap).
    assert "Do your assessments record strengths as carefully as needs?" in html
    assert "Whose experience counts as expertise" not in html  # an Assets question
    assert "http://testserver/en/toolkits/self-assessment/result/302113/" in html


def test_recommendations_are_strong_where_the_visitor_is_weak(client, assessment, section):
    catalogue = section(CaseStudyIndexPage)
    resources = section(ResourceIndexPage)
    strong_match = CaseStudyPageFactory(
        parent=catalogue,
        title="Skills exchange",
        ratings={"capabilities": 3, "blur_roles": 3},
        keywords=["Peer Support"],
    )
    partial = CaseStudyPageFactory(
        parent=catalogue, title="Learning café", ratings={"capabilities": 2}
    )
    CaseStudyPageFactory(parent=catalogue, title="Emerging only", ratings={"capabilities": 1})
    CaseStudyPageFactory(parent=catalogue, title="Strong elsewhere", ratings={"assets": 3})
    CaseStudyPageFactory(
        parent=catalogue, title="Unpublished", ratings={"capabilities": 3}, live=False
    )
    ResourcePageFactory(parent=resources, title="Peer support handbook", keywords=["Peer Support"])
    ResourcePageFactory(parent=resources, title="Unrelated report", keywords=["Prevention"])
    toolkits = section(ToolkitIndexPage)
    ToolkitPageFactory(parent=toolkits, title="Growing capabilities", principles=["capabilities"])
    ToolkitPageFactory(parent=toolkits, title="Networks toolkit", principles=["networks"])

    # capabilities 0 and blur roles 0 are the weakest
    html = client.get(f"{assessment.url}result/302310/").content.decode()
    examples = html.split('id="examples-heading"')[1].split('id="guides-heading"')[0]
    helps = html.split('id="guides-heading"')[1].split('id="compare-heading"')[0]

    assert examples.index(strong_match.title) < examples.index(partial.title)
    for absent in ("Emerging only", "Strong elsewhere", "Unpublished"):
        assert absent not in examples
    assert "Growing capabilities" in helps and "Networks toolkit" not in helps
    assert "Peer support handbook" in helps and "Unrelated report" not in helps


@pytest.mark.parametrize("code", ["99", "402113", "3021133", "abcdef", "------"])
def test_tampered_results_get_a_clear_message(client, assessment, code):
    response = client.get(f"{assessment.url}result/{code}/")

    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not read this result" in html
    assert f'href="{assessment.url}"' in html


def test_comparing_with_a_previous_result_link(client, assessment):
    previous = f"http://testserver{assessment.url}result/111111/"

    html = client.get(f"{assessment.url}result/302113/", {"compare": previous}).content.decode()
    table = html.split("Change since the result 111111")[1].split("</table>")[0]

    assert "Up 2" in table and "Down 1" in table and "No change" in table
    assert "Your earlier result" in html


def test_a_bad_comparison_keeps_what_was_typed_and_explains(client, assessment):
    response = client.get(f"{assessment.url}result/302113/", {"compare": "my old one <b>"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "We could not read a result in that." in html
    assert 'value="my old one &lt;b&gt;"' in html
    assert 'aria-describedby="compare-hint compare-error"' in html


def test_the_preview_draws_the_wedge_for_partial_answers(client, assessment):
    statement = assessment.statements.select_related("principle").first()

    html = client.get(f"{assessment.url}preview/", {statement.field_name: "3"}).content.decode()

    assert '<figure class="wedge">' in html
    assert f"{statement.principle.name}</th>" in html and "Strong (3 of 3)" in html
    assert "Not rated" in html
    assert "<html" not in html  # a fragment for the script, not a page


def test_the_result_page_stays_within_a_query_bound(
    client, assessment, section, django_assert_max_num_queries
):
    catalogue = section(CaseStudyIndexPage)
    for number in range(10):
        CaseStudyPageFactory(parent=catalogue, ratings={"networks": 3}, keywords=[f"K{number}"])
    url = f"{assessment.url}result/333033/"
    client.get(url)

    with django_assert_max_num_queries(45):
        assert client.get(url).status_code == 200
