"""Keep the search index's title and body vectors in their rows on PostgreSQL.

An index entry holds the page's texts as well as their vectors, about 3 kB in all, so PostgreSQL
moved the body vector (the largest value it may move) out of the row, into the TOAST table. A
search for any of several words reads most entries' vectors, to match and to rank them: fetched
from the TOAST table one by one, they made up half the time of "time bank older people" on
20,000 pages (ranking took 86 ms; 39 ms with the vectors in the rows, the index rebuilt by
`update_index` both times). With storage MAIN, PostgreSQL moves the texts out instead (only
Wagtail's fuzzy search reads them, and the hub's pages do not use it), and moves a vector only
when a row could not otherwise fit a page. Entries take this layout when written: run
`manage.py update_index` after migrating (the deployment steps in the README do).
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def set_vector_storage(storage):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite has no such storage setting; its full-text index is its own table
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ALTER COLUMN title SET STORAGE {storage}, "
            f"ALTER COLUMN body SET STORAGE {storage}"
        )

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(set_vector_storage("MAIN"), set_vector_storage("EXTENDED")),
    ]
