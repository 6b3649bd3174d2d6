"""Import the catalogue from the JSON format in docs/catalogue-import.md.

Three steps, each in its own module, in this order:
1. `schema.validate(data)` reads the whole file and the database and returns every problem, each
   with its location (which case study, which field). Nothing is written.
2. `plan.plan(data)` works out, record by record, what would be created, updated or left
   unchanged. A dry run stops here.
3. `write.Writer` applies the plan: taxonomy and frameworks, then case studies, then resources,
   then the pages missing for principles, frameworks, framework elements and themes. Records are
   found by their stable key or slug, so a re-import updates them in place; a page gets a new
   published revision only when the file says something different from what is live.
`run(data)` does all three in one transaction. The file wins for every field it describes: an
editor's change to such a field in the admin is overwritten by the next import that changes it.
"""

from django.db import transaction

from casestudies.importer.plan import Report, Step, case_study_fields, plan, resource_fields
from casestudies.importer.schema import (
    SCHEMA_VERSION,
    CatalogueInvalid,
    Context,
    Problem,
    validate,
)
from casestudies.importer.write import Writer, ensure_principle_pages, ensure_topic_pages

__all__ = [
    "SCHEMA_VERSION",
    "CatalogueInvalid",
    "Context",
    "Problem",
    "Report",
    "Step",
    "Writer",
    "case_study_fields",
    "ensure_principle_pages",
    "ensure_topic_pages",
    "plan",
    "resource_fields",
    "run",
    "validate",
]


def run(data, dry_run=False, progress=None):
    """Validate, then import everything in one transaction. Raises CatalogueInvalid on problems."""
    with transaction.atomic():
        context = Context.load()
        problems = validate(data, context)
        if problems:
            raise CatalogueInvalid(problems)
        steps = plan(data, context)
        report = Report()
        for step in steps:
            report.add(step.outcome, f"{step.kind} {step.label}")
        if dry_run:
            return report
        Writer(context, steps, progress).write()
    return report
