"""The demo evidence page: the 2016 international survey of personalised support, as data.

The figures are the survey's (Progress on Personalised Support, Citizen Network, 2017); the words
are the hub's own. Where the report's own figures do not add up, the page says so and keeps them
as printed. Loading again creates nothing that exists.
"""

import datetime

from wagtail.models import Locale

from casestudies.models import CaseStudyPage, Theme
from evidence.models import EvidenceCaseStudy, EvidenceIndexPage, EvidencePage

SLUG = "international-survey-of-personalised-support"
SOURCE = "Progress on Personalised Support, Citizen Network and the Centre for Welfare Reform, 2017"
SUPPORTED_CASE_STUDIES = [
    "dorset-commissioning-framework",
    "c-change-scotland",
    "beyond-limits-devon",
    "calderdale-home-care",
    "southwark-choice-support",
    "yacro-canada",
    "spaen",
]
SUPPORTED_THEMES = ["personalised-support", "commissioning", "leaving-institutions"]

BY_COUNTRY = [
    ("England", "england", 126, 59),
    ("Canada", "canada", 49, 33),
    ("Australia", "australia", 33, 23),
    ("Scotland", "scotland", 21, 12),
    ("USA", "usa", 17, 9),
    ("Czech Republic", "czech-republic", 10, 7),
    ("New Zealand", "new-zealand", 3, 3),
    ("Ireland", "ireland", 2, 2),
    ("Spain", "spain", 4, 2),
    ("Wales", "wales", 2, 2),
    ("Greece", "greece", 2, 1),
    ("Netherlands", "netherlands", 2, 1),
    ("Northern Ireland", "northern-ireland", 1, 1),
    ("Slovakia", "slovakia", 1, 1),
    ("France", "france", 1, 0),
]
PROVIDERS = 156
CLIENT_GROUPS = [
    ("Adults with learning or intellectual disabilities", 142, 91),
    ("Adults on the autistic spectrum", 125, 80),
    ("Adults with physical disabilities", 101, 65),
    ("Adults with mental health needs", 98, 63),
    ("Adults with complex health care needs", 86, 55),
    ("Children with learning or intellectual disabilities", 57, 37),
    ("Children on the autistic spectrum", 55, 35),
    ("Older people who need assistance", 50, 32),
    ("People with dementia", 49, 31),
    ("Children with physical disabilities", 42, 27),
    ("Children with mental health needs", 35, 22),
    ("People at the end of life", 33, 21),
    ("Children with complex health care needs", 32, 21),
    ("People with drug or alcohol problems", 27, 17),
    ("Other groups", 18, 12),
    ("Children in care", 16, 10),
]
KEY_RESULTS = [
    ("Design support individually for some or all of the people they serve", 99),
    ("Match staff to the person, sometimes or always", 89),
    ("Design every person's service individually", 71),
    ("Always match staff to the person", 60),
    ("Consistently use individual service funds", 38),
    ("Always let people manage their staff directly", 35),
    ("Find that commissioning consistently gives them the flexibility they need", 21),
]
TRANSFORMING_CARE_RESPONDENTS = 24
TRANSFORMING_CARE = [
    ("Clear who they will help to move home", 3, 10, 4, 7),
    ("Know each person's budget", 4, 4, 7, 9),
    ("Can get to know people before they move", 10, 6, 2, 6),
    ("Get the help they need from local clinical and learning disability teams", 7, 9, 0, 8),
    ("Get good advice from the psychiatrists overseeing the placement", 4, 7, 1, 12),
    ("Find all housing options explored, with good housing expertise", 3, 8, 4, 9),
]
LEARNING_WANTED_STATED_TOTAL = 215
LEARNING_WANTED = [
    ("Personnel", 23),
    ("Power and accountability", 21),
    ("Financial management", 21),
    ("Commissioning", 17),
    ("Cooperation", 16),
    ("Quality", 11),
    ("Inclusion", 11),
    ("Team management", 10),
    ("Risk management", 9),
    ("Housing", 9),
    ("Change management", 8),
    ("Planning and design", 8),
    ("Empowerment", 7),
    ("Leadership", 6),
    ("Community engagement", 5),
    ("Resourcing", 5),
    ("Education", 4),
    ("Non-verbal communication", 3),
    ("Back office", 3),
    ("Legal matters", 3),
    ("Advocacy", 3),
    ("Austerity", 3),
    ("Jobs", 2),
    ("Spirituality", 1),
    ("Children", 1),
    ("Social enterprise", 1),
    ("System change", 1),
]
CAVEATS = [
    "The organisations chose to take part, so they are not a sample of all providers.",
    "Every figure is what the organisations said about themselves; none was checked.",
    "The number of answers from a country says nothing about how much personalised support it has.",
    "The mix of client groups may follow the networks the survey was sent through.",
    "The survey describes what providers do; it does not show that it works better.",
]


def statistic(label, value, unit="count", series="", **extra):
    return {
        "label": label,
        "series": series,
        "value": value,
        "unit": unit,
        "numerator": extra.get("numerator"),
        "denominator": extra.get("denominator"),
        "country": extra.get("country", ""),
        "year": extra.get("year", 2016),
        "source": extra.get("source", ""),
        "caveat": extra.get("caveat", ""),
        "discrepancy": extra.get("discrepancy", ""),
    }


def table(caption, row_heading, statistics, source, **extra):
    return (
        "data_table",
        {
            "caption": caption,
            "row_heading": row_heading,
            "statistics": statistics,
            "source": source,
            "stated_total": extra.get("stated_total"),
            "discrepancy": extra.get("discrepancy", ""),
            "show_chart": extra.get("show_chart", True),
        },
    )


def paragraph(html):
    return ("paragraph", html)


def body():
    by_country = []
    for name, key, started, providing in BY_COUNTRY:
        by_country.append(statistic(name, started, series="Started the survey", country=key))
        by_country.append(
            statistic(name, providing, series="Provide personalised support", country=key)
        )
    transforming_care = []
    for question, *answers in TRANSFORMING_CARE:
        for series, count in zip(("Yes", "Somewhat", "No", "Not applicable"), answers, strict=True):
            transforming_care.append(
                statistic(
                    question,
                    count,
                    series=series,
                    numerator=count,
                    denominator=TRANSFORMING_CARE_RESPONDENTS,
                    country="england",
                )
            )
    return [
        paragraph(
            "<p>In 2016 the Centre for Welfare Reform asked organisations around the world "
            "that provide, or want to provide, personalised support how they work. Of 274 "
            "that began the questionnaire, 156 in 14 countries said they already provide it; "
            "the tables below count their answers.</p>"
        ),
        table(
            "Who answered, by country",
            "Country",
            by_country,
            SOURCE + ", survey results by country",
            stated_total=274,
        ),
        table(
            "Who the 156 providers support",
            "Client group",
            [
                statistic(group, share, unit="percent", numerator=count, denominator=PROVIDERS)
                for group, count, share in CLIENT_GROUPS
            ],
            SOURCE + ", client groups",
        ),
        paragraph(
            "<p>Nearly all providers design support around each person, yet few say their "
            "commissioners give them the room to do it. Few hold an ISF for everyone they "
            "support, and the report finds that those who have used ISFs longest are the "
            "most likely to offer the other elements of person-led support too.</p>"
        ),
        table(
            "How providers work: share of the 156 providers",
            "Practice",
            [statistic(practice, share, unit="percent") for practice, share in KEY_RESULTS],
            SOURCE + ", key results",
        ),
        paragraph(
            "<p>English providers were also asked about the Transforming Care programme, which "
            "aims to help people with learning disabilities or autism leave an ATU for a home "
            "of their own. 24 answered these questions.</p>"
        ),
        table(
            "Transforming Care: what 24 providers in England said",
            "Are providers…",
            transforming_care,
            SOURCE + ", Transforming Care questions",
            show_chart=True,
        ),
        table(
            "People providers could help move home from hospital",
            "Measure",
            [
                statistic(
                    "People named whom providers are helping now",
                    85,
                    country="england",
                    caveat="One organisation accounted for 50 of the 85.",
                ),
                statistic("Realistic estimate for 2016/17", 166, country="england"),
                statistic(
                    "Most providers could help in 2017/18", 254, country="england", year=2017
                ),
                statistic(
                    "Most providers could help in 2018/19", 274, country="england", year=2018
                ),
            ],
            SOURCE + ", Transforming Care capacity",
        ),
        table(
            "What providers want to learn about, by number of times raised",
            "Topic",
            [statistic(topic, count) for topic, count in LEARNING_WANTED],
            SOURCE + ", learning wanted",
            stated_total=LEARNING_WANTED_STATED_TOTAL,
            discrepancy=(
                "The report counts 215 issues raised, but the numbers it gives for each topic "
                "add up to 212."
            ),
        ),
    ]


def load():
    """Create the survey's evidence page if it is missing. Returns what it made."""
    default = Locale.get_default()
    index = EvidenceIndexPage.objects.filter(locale=default).first()
    if index is None or EvidencePage.objects.child_of(index).filter(slug=SLUG).exists():
        return []
    page = EvidencePage(
        title="Personalised support around the world: the 2016 survey",
        slug=SLUG,
        summary=(
            "156 organisations in 14 countries told a survey how they personalise support: "
            "almost all design it around each person, but only a fifth say commissioning "
            "gives them the flexibility they need."
        ),
        source=SOURCE,
        method=(
            "An online questionnaire for organisations that provide personalised support or "
            "want to, run in 2016. Organisations chose to answer and described their own work."
        ),
        body=body(),
        caveats=[("caveat", caveat) for caveat in CAVEATS],
        last_reviewed=datetime.date(2026, 11, 30),
        historical_context=(
            "The Transforming Care figures describe the programme's plans for 2016 to 2019; "
            "the programme's targets and name have changed since."
        ),
    )
    index.add_child(instance=page)
    page.themes.set(Theme.objects.filter(key__in=SUPPORTED_THEMES, locale=default))
    case_studies = CaseStudyPage.objects.filter(slug__in=SUPPORTED_CASE_STUDIES, locale=default)
    page.supported_case_studies = [
        EvidenceCaseStudy(case_study=case_study) for case_study in case_studies.order_by("title")
    ]
    page.save_revision().publish()
    return [page.title]
