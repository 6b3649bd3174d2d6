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
