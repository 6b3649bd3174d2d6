"""The import command: validation with locations, all-or-nothing, idempotent, dry run."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag
from wagtail.models import Revision

from casestudies import importer
from casestudies.models import (
    CaseStudyPage,
    ClientGroup,
    PrinciplePage,
    ResourcePage,
    Sector,
)

pytestmark = pytest.mark.django_db


def snapshot():
    """Counts of everything an import can write."""
    return {
        "case studies": CaseStudyPage.objects.count(),
        "resources": ResourcePage.objects.count(),
        "sectors": Sector.objects.count(),
        "client groups": ClientGroup.objects.count(),
        "tags": Tag.objects.count(),
        "principle pages": PrinciplePage.objects.count(),
        "revisions": Revision.objects.count(),
    }


def write(tmp_path, data):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_import_creates_published_pages_with_every_field(site_tree, small_catalogue):
    report = importer.run(small_catalogue)
    assert len(report.created) == 3 + 2 + 2 + 4 + 3 + 6  # keywords, taxonomy, pages, principles
    harbour = CaseStudyPage.objects.get(slug="harbour-peer-network")
    assert harbour.live
    assert harbour.sector.key == "mental-health"
    assert [g.key for g in harbour.client_groups.all()] == ["older-people"]
    assert sorted(t.name for t in harbour.keywords.all()) == ["Co-design", "Peer Support"]
    assert {r.principle.key: r.strength for r in harbour.principle_ratings.all()} == {
        "assets": 3,
        "capabilities": 2,
        "mutuality": 3,
        "networks": 3,
        "blur_roles": 2,
        "catalysts": 1,
    }
    assert harbour.depth_level == "transformative"
    assert harbour.evaluated is True
    assert harbour.evidence[0].value["figure"] == "30%"
    assert harbour.evidence[0].value["year"] == 2019
    assert list(harbour.key_learning[0].value["questions"]) == [
        "How do you value the time people give?"
    ]
    assert [b.block_type for b in harbour.body] == ["more_about", "why_coproduction"]
    assert [item.target.slug for item in harbour.see_also.all()] == ["riverside-time-bank"]
    guide = ResourcePage.objects.get(slug="peer-support-guide")
    assert guide.live and guide.resource_type == "practical_tool"
    assert [r.case_study.slug for r in guide.related_case_studies.all()] == ["harbour-peer-network"]
    assert PrinciplePage.objects.live().count() == 6


def test_reimport_is_idempotent_and_publishes_only_what_changed(site_tree, small_catalogue):
    importer.run(small_catalogue)
    before = snapshot()
    report = importer.run(small_catalogue)
    assert report.created == [] and report.updated == []
    assert snapshot() == before  # no duplicates, no new revisions

    small_catalogue["case_studies"][1]["summary"] = "A new summary."
    small_catalogue["sectors"][0]["name"] = "Mental health and wellbeing"
    report = importer.run(small_catalogue)
    assert report.updated == ["sector mental-health", "case study riverside-time-bank"]
    after = snapshot()
    assert after["revisions"] == before["revisions"] + 1
    assert after["case studies"] == before["case studies"]
    assert CaseStudyPage.objects.get(slug="riverside-time-bank").summary == "A new summary."
    assert Sector.objects.get(key="mental-health").name == "Mental health and wellbeing"


def test_dry_run_reports_and_changes_nothing(site_tree, small_catalogue, tmp_path):
    before = snapshot()
    out = StringIO()
    call_command("import_catalogue", write(tmp_path, small_catalogue), "--dry-run", stdout=out)
    assert "Dry run, nothing changed" in out.getvalue()
    assert "created: case study harbour-peer-network" in out.getvalue()
    assert snapshot() == before


def test_invalid_file_reports_every_problem_with_its_location_and_changes_nothing(
    site_tree, small_catalogue, tmp_path
):
    studies = small_catalogue["case_studies"]
    studies[0]["principles"]["networks"] = "high"
    studies[0]["keywords"].append("peer support")
    studies[1]["country"] = "france"
    studies[1]["see_also"] = ["no-such-case"]
    del studies[2]["summary"]
    studies[2]["colour"] = "red"
    studies[3]["slug"] = "harbour-peer-network"
    small_catalogue["resources"][0]["url"] = "not a url"
    before = snapshot()

    with pytest.raises(importer.CatalogueInvalid) as raised:
        importer.run(small_catalogue)
    problems = [str(p) for p in raised.value.problems]
    expected = [
        'case_studies[0] "harbour-peer-network", field principles.networks: must be a whole '
        "number from 0 to 3, got 'high'",
        'case_studies[0] "harbour-peer-network", field keywords[2]: unknown keyword '
        "'peer support' (did you mean \"Peer Support\"?)",
        'case_studies[1] "riverside-time-bank", field country: must be one of',
        'case_studies[1] "riverside-time-bank", field see_also[0]: no case study with slug',
        'case_studies[2] "carers-design-lab", field summary: is required',
        'case_studies[2] "carers-design-lab", field colour: unknown field',
        'case_studies[3] "harbour-peer-network", field slug: "harbour-peer-network" appears '
        "more than once",
        'resources[0] "peer-support-guide", field url: is not a valid web address',
    ]
    for text in expected:
        assert any(p.startswith(text) for p in problems), (text, problems)
    assert len(problems) == len(expected)
    assert snapshot() == before

    err = StringIO()
    with pytest.raises(CommandError, match="8 problem"):
        call_command("import_catalogue", write(tmp_path, small_catalogue), stderr=err)
    assert "field principles.networks" in err.getvalue()
    assert snapshot() == before


def test_missing_required_top_level_and_unknown_keys(site_tree):
    problems = [str(p) for p in importer.validate({"schema_version": 2, "cases": []})]
    assert problems == [
        "file, field cases: unknown field (allowed: case_studies, client_groups, frameworks, "
        "funding_mechanisms, keywords, resources, schema_version, sectors, source_reports, "
        "themes)",
        "file, field schema_version: must be 1, got 2",
    ]


def test_malformed_json_names_line_and_column(site_tree, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "schema_version": 1,\n  "keywords": [,]\n}')
    with pytest.raises(CommandError, match=r"line 3, column 16"):
        call_command("import_catalogue", str(path))


class Terminal(StringIO):
    def isatty(self):
        return True


def test_progress_is_shown_on_a_terminal_only(site_tree, small_catalogue, tmp_path):
    terminal, log = Terminal(), StringIO()
    call_command(
        "import_catalogue", write(tmp_path, small_catalogue), stderr=terminal, stdout=StringIO()
    )
    call_command(
        "import_catalogue", write(tmp_path, small_catalogue), stderr=log, stdout=StringIO()
    )

    assert "] 20/20 " in terminal.getvalue()
    assert log.getvalue() == ""


def test_existing_principle_pages_are_not_duplicated(site_tree, small_catalogue):
    assert len(importer.ensure_principle_pages()) == 6
    assert importer.ensure_principle_pages() == []
    importer.run(small_catalogue)
    assert PrinciplePage.objects.count() == 6
