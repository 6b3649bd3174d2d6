"""The hub's admin: the Taxonomy menu and the translators' review hooks."""

from wagtail.snippets.models import register_snippet

from hub import translation_review  # noqa: F401 - registers the translators' review hooks
from hub.taxonomy_admin import TaxonomyGroup

register_snippet(TaxonomyGroup)
