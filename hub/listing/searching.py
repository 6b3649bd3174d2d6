"""How a listing searches within itself, provided by the search app.

The search app sits above the content apps (it collects what their pages declare), so a content
app's listing cannot import it. The search app provides its searching here when it is ready
(search/apps.py); until then, and in a project without it, a listing has no search box.
"""

_provider = None


def provide(provider):
    """`provider`: a module with matching() and ranked_page() as below."""
    global _provider  # noqa: PLW0603 - one provider for the process, set once at start-up
    _provider = provider


def available():
    return _provider is not None


def matching(queryset, terms):
    """The pages of `queryset` matching `terms`, as something `pk__in` accepts."""
    return _provider.matching(queryset, terms)


def ranked_page(queryset, terms, number, per_page):
    """Page `number` of the pages of `queryset` matching `terms`, best first, as ids."""
    return _provider.ranked_page(queryset, terms, number, per_page)
