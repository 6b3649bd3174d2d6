import json
from pathlib import Path

import pytest

from casestudies.models import CaseStudyIndexPage, ResourceIndexPage

DATA = Path(__file__).parent / "data"


@pytest.fixture
def catalogue_index(section):
    return section(CaseStudyIndexPage)


@pytest.fixture
def resource_index(section):
    return section(ResourceIndexPage)


@pytest.fixture
def small_catalogue():
    """A fresh copy of the small import file (tests may change it)."""
    return json.loads((DATA / "small_catalogue.json").read_text())


def with_frameworks(catalogue):
    """The catalogue plus two frameworks and two themes (data/frameworks.json), with Harbour
    showing reciprocity and the theme "access", and Riverside reciprocity and safe environments."""
    extra = json.loads((DATA / "frameworks.json").read_text())
    catalogue.update(extra)
    harbour, riverside = catalogue["case_studies"][:2]
    harbour["framework_elements"] = ["cahn-core-values:reciprocity"]
    harbour["themes"] = ["access"]
    riverside["framework_elements"] = [
        "cahn-core-values:reciprocity",
        "trauma-informed:safe-environments",
    ]
    return catalogue
