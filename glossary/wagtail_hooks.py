"""The glossary's terms in the admin, with the language filter of translatable snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from glossary.models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    list_display = ["term", "full_name", "key"]
    ordering = ["term"]
    search_fields = ["term", "full_name", "definition"]


register_snippet(GlossaryTermViewSet)
