"""Evidence in templates: a data table with its chart and download, and the evidence behind a
case study or theme (for the catalogue's templates, which cannot import this app)."""

from django import template
from wagtail.models import Page

from evidence.models import EvidencePage
from evidence.tables import DataTable

register = template.Library()


@register.inclusion_tag("evidence/includes/data_table.html", takes_context=True)
def data_table(context, block, page):
    """A table block of an evidence page: chart, table, notes, source and CSV link."""
    table = DataTable(block.value, block_id=block.id)
    csv_url = page.url + page.reverse_subpage("table_csv", kwargs={"block_id": block.id})
    return {"table": table, "csv_url": csv_url, "request": context.get("request")}


@register.inclusion_tag("evidence/includes/supporting_evidence.html", takes_context=True)
def supporting_evidence(context, subject):
    """The live evidence pages, in the subject's language, that support a case study (a page)
    or a theme (a taxonomy term)."""
    if isinstance(subject, Page):
        pages = EvidencePage.objects.filter(supported_case_studies__case_study=subject)
    else:
        pages = EvidencePage.objects.filter(themes=subject)
    pages = pages.live().public().filter(locale_id=subject.locale_id).order_by("title").distinct()
    return {"evidence_pages": list(pages), "request": context.get("request")}
