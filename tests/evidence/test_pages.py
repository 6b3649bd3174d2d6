"""The survey's evidence page as a visitor gets it, and the evidence shown on a case study."""

import csv
import io
import re

import pytest

from casestudies.models import CaseStudyIndexPage
from evidence.models import EvidenceCaseStudy, EvidencePage
from provisioning import demo_evidence
from tests.casestudies.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

PAGE = "/en/evidence/international-survey-of-personalised-support/"


def test_the_survey_page_shows_tables_charts_notes_and_downloads(
    client, site_tree, django_assert_max_num_queries
):
    assert demo_evidence.load()
    assert demo_evidence.load() == []  # loading again creates nothing
    client.get(PAGE)  # warm the site and locale caches
    with django_assert_max_num_queries(30):
        response = client.get(PAGE)
    html = response.content.decode()

    # Each table has a caption, column and row headers, a source and a download.
    assert html.count("<caption") == 6
    assert '<th scope="row">England</th>' in html
    assert "Progress on Personalised Support" in html
    # Each chart is an image whose description points at the table that follows it.
    charts = re.findall(r'<svg role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) == 6
    title_id, description_id = charts[0].split()
    description = re.search(rf'<desc id="{description_id}">([^<]+)</desc>', html).group(1)
    assert "Who answered, by country" in description
    table_id = title_id.removesuffix("-chart-title")
    assert f'<table id="{table_id}"' in html and f'href="#{table_id}"' in html
    # The source's own arithmetic is flagged, not corrected: both figures stay.
    assert "the rows add up to 212, but the source gives a total of 215" in html
    assert "One organisation accounted for 50 of the 85." in html
    assert "91% (142 of 156)" in html
    assert '<time datetime="2026-11-30">' in html
    assert "Self-reported" not in html  # the caveats are the hub's own words
    assert "none was checked" in html

    csv_urls = re.findall(r'href="([^"]+/csv/)"', html)
    assert len(csv_urls) == 6
    download = client.get(csv_urls[0])
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="who-answered-by-country.csv"' in download["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert len(rows) == 30  # 15 countries, two figures each
    assert rows[0]["row"] == "England" and rows[0]["value"] == "126"
    assert rows[0]["country"] == "england" and rows[0]["year"] == "2016"
    assert client.get(PAGE + "tables/00000000-0000-0000-0000-000000000000/csv/").status_code == 404


def test_a_case_study_lists_the_live_evidence_that_chose_it(client, site_tree):
    index = CaseStudyIndexPage.objects.get(locale__language_code="en")
    case_study = CaseStudyPageFactory(parent=index, title="Beyond Limits")
    other = CaseStudyPageFactory(parent=index, title="Not chosen")
    demo_evidence.load()
    evidence = EvidencePage.objects.get(slug=demo_evidence.SLUG)
    EvidenceCaseStudy.objects.create(page=evidence, case_study=case_study)

    html = client.get(case_study.url).content.decode()
    assert "Evidence behind this" in html and evidence.url in html
    assert "Evidence behind this" not in client.get(other.url).content.decode()
    assert "Beyond Limits" in client.get(evidence.url).content.decode()

    evidence.unpublish()
    assert "Evidence behind this" not in client.get(case_study.url).content.decode()
