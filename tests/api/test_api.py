"""The read-only API at /api/v2/: what it serves, what it never serves, its filters and limits."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction

from casestudies.models import CaseStudyIndexPage, ResourceIndexPage, SeeAlso
from stories.models import ConsentRecord
from stories.submission import STORIES_COLLECTION
from stories.withdrawal import withdraw_story
from tests.casestudies.factories import CaseStudyPageFactory, ResourcePageFactory
from tests.stories.factories import make_story
from tests.toolkits.factories import GuidePageFactory, LearningForumPageFactory, ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def picture(collection=None, title="Picture"):
    output = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 40)).save(output, format="PNG")
    image = get_image_model()(
        title=title,
        file=ImageFile(io.BytesIO(output.getvalue()), name=f"{title}.png"),
        collection=collection or Collection.get_first_root_node(),
    )
    image.save()
    return image


def document(title):
    doc = get_document_model()(title=title, file=ContentFile(b"text", name=f"{title}.txt"))
    doc.save()
    return doc


def download(doc):
    value = {"document": doc.pk, "title": doc.title, "html_alternative": "<p>The same.</p>"}
    return [{"type": "download", "value": value}]


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def hub(site_tree, section, django_capture_on_commit_callbacks):
    """Served pages of each kind, and one of each kind of page the API must never serve."""
    catalogue = section(CaseStudyIndexPage)
    shown = picture(title="Shown in a case study")
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = CaseStudyPageFactory(
            parent=catalogue, title="Neighbour", depth_level="descriptive"
        )
        case_study = CaseStudyPageFactory(
            parent=catalogue,
            title="Open case study",
            ratings={"mutuality": 3, "networks": 1},
            keywords=["Peer Support"],
            depth_level="transformative",
            evidence=[("evidence", {"statement": "Fewer admissions", "figure": "30%"})],
            body=[
                {
                    "type": "image",
                    "value": {"image": shown.pk, "alt_text": "A garden", "decorative": False},
                }
            ],
        )
        draft = CaseStudyPageFactory(
            parent=catalogue,
            title="Draft case study",
            live=False,
            keywords=["Peer Support"],
            body=[
                {
                    "type": "image",
                    "value": {
                        "image": picture(title="Draft only").pk,
                        "alt_text": "x",
                        "decorative": False,
                    },
                }
            ],
        )
        SeeAlso.objects.create(page=case_study, target=neighbour)
        SeeAlso.objects.create(page=case_study, target=draft)
        # A live case study with changes waiting: the API shows the published title only.
        case_study.title = "SECRET unpublished title"
        case_study.save_revision()
        resource = ResourcePageFactory(
            parent=section(ResourceIndexPage),
            title="A report",
            keywords=["Peer Support"],
            external_url="https://example.org/report",
        )
        toolkits = section(ToolkitIndexPage)
        handout = document("Handout")
        toolkit = ToolkitPageFactory(
            parent=toolkits,
            title="Open toolkit",
            principles=["mutuality"],
            keywords=["Peer Support"],
            downloads=download(handout),
        )
        forum = LearningForumPageFactory(parent=toolkits, title="Forum")
        members_only = GuidePageFactory(parent=forum, title="Members only guide")
        PageViewRestriction.objects.create(page=members_only, restriction_type="login")
        draft_guide = GuidePageFactory(
            parent=forum, title="Draft guide", live=False, downloads=download(document("Draft"))
        )
        stories = Collection.get_first_root_node().add_child(name=STORIES_COLLECTION)
        story_picture = picture(stories, title="Story picture")
        story = make_story(
            publish=True,
            title="A day at the allotment",
            pseudonym="Robin",
            first_name="Secretname",
            keywords=["Peer Support"],
            moments=[
                {
                    "time_of_day": "9am",
                    "what_happens": "Digging.",
                    "image": story_picture,
                    "image_alt": "Spade",
                }
            ],
        )
        draft_story = make_story(title="Draft story", keywords=["Peer Support"])
        unconsented = make_story(publish=True, title="Consent taken back")
        ConsentRecord.objects.filter(story=unconsented).update(publish_on_web=False)
    return {
        "case_study": case_study,
        "neighbour": neighbour,
        "draft": draft,
        "resource": resource,
        "toolkit": toolkit,
        "members_only": members_only,
        "draft_guide": draft_guide,
        "story": story,
        "draft_story": draft_story,
        "unconsented": unconsented,
        "shown": shown,
        "story_picture": story_picture,
        "handout": handout,
    }


def test_pages_serve_content_and_nothing_private(client, hub):
    served = ids(client.get(PAGES, {"limit": 50}))
    for name in ("case_study", "neighbour", "resource", "toolkit", "story"):
        assert hub[name].pk in served, name
    for name in ("draft", "members_only", "draft_guide", "draft_story", "unconsented"):
        assert hub[name].pk not in served, name
        assert client.get(f"{PAGES}{hub[name].pk}/").status_code == 404, name
    # Index pages and the home page are structure, not content.
    assert hub["case_study"].get_parent().pk not in served

    detail = client.get(f"{PAGES}{hub['case_study'].pk}/").json()
    assert detail["title"] == "Open case study"
    assert {(r["principle"]["key"], r["strength"]) for r in detail["ratings"]} == {
        ("mutuality", 3),
        ("networks", 1),
    }
    assert detail["depth"] == {"value": "transformative", "label": "Transformative"}
    assert detail["keywords"] == [{"slug": "peer-support", "name": "Peer Support"}]
    assert detail["evidence"][0]["value"]["figure"] == "30%"
    # See also names the live neighbour, never the draft.
    assert [page["id"] for page in detail["see_also"]] == [hub["neighbour"].pk]
    assert "SECRET" not in str(
        client.get(PAGES, {"fields": "*", "type": "casestudies.CaseStudyPage"}).content
    )


def test_a_story_shows_its_words_and_nothing_about_its_teller(client, hub):
    response = client.get(f"{PAGES}{hub['story'].pk}/", {"fields": "*"})
    story = response.json()
    assert story["shown_name"] == "Robin"
    assert story["day"] == [{"time_of_day": "9am", "what_happens": "Digging."}]
    text = response.content.decode()
    for secret in ("Secretname", "consent", "owner", "private_reference", "image", "audio"):
        assert secret not in text, secret
    listing = client.get(PAGES, {"type": "stories.StoryPage", "fields": "*"}).content.decode()
    assert "Secretname" not in listing and "Consent taken back" not in listing


def test_a_withdrawn_story_is_gone_from_the_api(client, hub, django_capture_on_commit_callbacks):
    story_id = hub["story"].pk
    assert client.get(f"{PAGES}{story_id}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_story(hub["story"], by="moderator")
    assert client.get(f"{PAGES}{story_id}/").status_code == 404
    assert story_id not in ids(client.get(PAGES, {"type": "stories.StoryPage"}))


def test_images_and_documents_only_of_served_pages(client, hub):
    images = ids(client.get("/api/v2/images/"))
    assert images == {hub["shown"].pk}  # not the story's picture, not the draft's
    assert client.get(f"/api/v2/images/{hub['story_picture'].pk}/").status_code == 404
    documents = ids(client.get("/api/v2/documents/"))
    assert documents == {hub["handout"].pk}  # not the draft guide's handout


def test_filters_match_the_listings(client, hub):
    def found(**params):
        return ids(client.get(PAGES, {"limit": 50, **params}))

    peer = found(keyword="peer-support")
    assert {hub["case_study"].pk, hub["resource"].pk, hub["toolkit"].pk, hub["story"].pk} <= peer
    assert hub["neighbour"].pk not in peer
    assert found(principle="mutuality", strength=3) == {hub["case_study"].pk, hub["toolkit"].pk}
    assert hub["case_study"].pk not in found(principle="networks", strength=2)
    assert hub["case_study"].pk in found(principle="networks")  # any rating by default
    assert found(depth="descriptive") == {hub["neighbour"].pk}
    assert found(type="casestudies.ResourcePage") == {hub["resource"].pk}
    assert found(locale="cy") == set()
    assert found(search="Neighbour") == {hub["neighbour"].pk}
    assert found(search="Neighbour", depth="intermediate") == set()
    for bad in ({"strength": "9"}, {"depth": "deep"}, {"limit": "500"}, {"colour": "red"}):
        response = client.get(PAGES, bad)
        assert response.status_code == 400, bad
        assert "message" in response.json()


def test_rate_limit_answers_429(client, site_tree, settings):
    settings.HUB_API_RATE_LIMIT = (3, 60)
    statuses = [client.get(PAGES).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(PAGES).has_header("Retry-After")


def test_cors_lets_any_site_read_and_nothing_else(client, site_tree):
    response = client.get(PAGES, headers={"Origin": "https://elsewhere.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        PAGES,
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert client.post(PAGES).status_code == 405
    page = client.get("/en/", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in page


def test_listing_queries_do_not_grow_with_the_catalogue(
    client, site_tree, section, django_assert_max_num_queries
):
    catalogue = section(CaseStudyIndexPage)
    params = {"type": "casestudies.CaseStudyPage", "fields": "*", "limit": 50}

    def add(count):
        for _ in range(count):
            CaseStudyPageFactory(parent=catalogue, ratings={"mutuality": 2}, keywords=["Peer"])

    add(2)
    with django_assert_max_num_queries(40) as small:
        assert client.get(params and PAGES, params).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(PAGES, params).json()["items"]) == 10
