"""The self-assessment's scoring and ranking, as pure functions: no database needed."""

import pytest

from toolkits import assessment
from toolkits.assessment import Candidate

KEYS = assessment.PRINCIPLE_KEYS


def test_the_code_order_is_the_six_principles():
    assert KEYS == ("assets", "capabilities", "mutuality", "networks", "blur_roles", "catalysts")


def test_a_principle_scores_the_rounded_average_of_its_statements():
    statements = {1: "assets", 2: "assets", 3: "networks", 4: "networks", 5: "catalysts"}
    answers = {1: 1, 2: 2, 3: 0, 4: 1, 5: 3}

    ratings = assessment.score(statements, answers)

    # 1.5 rounds up to 2 (not to the even 2 by luck: 0.5 rounds up to 1 as well)
    assert ratings["assets"] == 2
    assert ratings["networks"] == 1
    assert ratings["catalysts"] == 3
    assert ratings["mutuality"] is None  # no statements answered


def test_unanswered_statements_do_not_count_as_zero():
    ratings = assessment.score({1: "assets", 2: "assets"}, {1: 3})
    assert ratings["assets"] == 3


@pytest.mark.parametrize("value, expected", [("0", 0), ("3", 3), (" 2 ", 2)])
def test_ratings_from_the_form(value, expected):
    assert assessment.parse_rating(value) == expected


@pytest.mark.parametrize("value", ["4", "-1", "1.5", "", "x", None, "³"])
def test_bad_ratings_are_ignored(value):
    assert assessment.parse_rating(value) is None


def test_codes_round_trip():
    ratings = {"assets": 3, "capabilities": 0, "mutuality": 2, "networks": 1, "blur_roles": 1}
    code = assessment.encode({**ratings, "catalysts": None})

    assert code == "30211-"
    assert assessment.decode(code) == {**ratings, "catalysts": None}


@pytest.mark.parametrize(
    "code",
    ["", "30211", "302113\n", "3021133", "402113", "30211a", "------", "３02113", None, "30 113"],
)
def test_tampered_codes_are_refused(code):
    with pytest.raises(assessment.InvalidCode):
        assessment.decode(code)


@pytest.mark.parametrize(
    "text",
    [
        "302113",
        "  302113 ",
        "https://hub.example.org/en/toolkits/self-assessment/result/302113/",
        "/en/toolkits/self-assessment/result/302113/?compare=111111",
    ],
)
def test_codes_are_found_in_pasted_links(text):
    assert assessment.code_from_text(text) == "302113"


@pytest.mark.parametrize("text", ["", "hello", "/result/9021133/", "https://x/result/40/"])
def test_pasted_text_without_a_code_is_refused(text):
    with pytest.raises(assessment.InvalidCode):
        assessment.code_from_text(text)


def test_weakest_and_strongest_include_ties_in_principle_order():
    ratings = assessment.decode("302103")

    assert assessment.weakest(ratings) == ["capabilities", "blur_roles"]
    assert assessment.strongest(ratings) == ["assets", "catalysts"]


def test_unrated_principles_are_neither_weakest_nor_strongest():
    ratings = assessment.decode("3-2-2-")
    assert assessment.weakest(ratings) == ["mutuality", "blur_roles"]
    assert assessment.strongest(ratings) == ["assets"]


def test_even_ratings_have_no_strongest():
    ratings = assessment.decode("222222")
    assert assessment.strongest(ratings) == []
    assert assessment.weakest(ratings) == list(KEYS)


def test_case_studies_strong_where_the_visitor_is_weak_come_first():
    weak = ["networks", "blur_roles"]
    both = Candidate(1, "Both strong", {"networks": 3, "blur_roles": 2, "assets": 0})
    one_strong = Candidate(2, "Networks only", {"networks": 3, "blur_roles": 0})
    one_developing = Candidate(3, "Blur roles developing", {"blur_roles": 2})
    elsewhere = Candidate(4, "Strong elsewhere", {"assets": 3, "networks": 1})
    nothing = Candidate(5, "Unrated", {})

    chosen = assessment.recommend_case_studies(
        weak, [elsewhere, one_developing, nothing, one_strong, both]
    )

    assert [c.title for c in chosen] == ["Both strong", "Networks only", "Blur roles developing"]


def test_recommendations_are_limited_and_stable_by_title():
    weak = ["assets"]
    candidates = [Candidate(n, f"Case {name}", {"assets": 3}) for n, name in enumerate("dcba")]

    chosen = assessment.recommend_case_studies(weak, candidates, limit=2)

    assert [c.title for c in chosen] == ["Case a", "Case b"]


def test_resources_are_ranked_by_shared_keywords():
    keywords = frozenset({1, 2, 3})
    two = Candidate(1, "Two shared", {}, frozenset({1, 2, 9}))
    one = Candidate(2, "One shared", {}, frozenset({3}))
    none = Candidate(3, "None shared", {}, frozenset({7}))

    assert assessment.recommend_by_keywords(keywords, [one, none, two]) == [two, one]


def test_guides_covering_more_weak_principles_come_first():
    weak = ["mutuality", "networks"]
    one = Candidate(1, "A guide on mutuality", {"mutuality": 3})
    both = Candidate(2, "Z guide on both", {"mutuality": 3, "networks": 3})
    other = Candidate(3, "Other", {"assets": 3})

    assert assessment.recommend_guides(weak, [one, other, both]) == [both, one]


def test_comparing_two_results():
    rows = assessment.compare(assessment.decode("1112-1"), assessment.decode("3102-0"))

    assert rows == [
        ("assets", 1, 3, 2),
        ("capabilities", 1, 1, 0),
        ("mutuality", 1, 0, -1),
        ("networks", 2, 2, 0),
        ("catalysts", 1, 0, -1),
    ]
