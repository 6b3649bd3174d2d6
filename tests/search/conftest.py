"""Fixtures for the search tests: engines that fail for real (tests/search/engines.py)."""

import pytest

from search import breaker
from search.engine_guard import configured_engine
from tests.search.engines import HungEngine, StubEngine, engine_settings


@pytest.fixture
def use_engine(settings, site_tree):
    """Point the site at an engine URL; the breaker starts and ends closed."""
    engines = []

    def use(url):
        settings.WAGTAILSEARCH_BACKENDS = engine_settings(url)
        engine = configured_engine()
        breaker.close(engine)
        engines.append(engine)
        return engine

    yield use
    for engine in engines:
        breaker.close(engine)


@pytest.fixture
def hung_engine():
    engine = HungEngine()
    yield engine
    engine.close()


@pytest.fixture
def stub_engine():
    engine = StubEngine()
    yield engine
    engine.close()
