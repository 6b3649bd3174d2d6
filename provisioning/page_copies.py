"""Copy pages in bulk: tens of thousands of valid Wagtail pages in a handful of SQL statements.

For benchmark data only (provisioning.benchmark). Saving a page through Wagtail's add_child costs
a transaction, a revision and a dozen statements: 20,000 pages took 16 minutes on PostgreSQL.
Here each table is filled by one INSERT ... SELECT that joins the source rows to a temporary table
naming each copy's source and its new id, tree path, slug, URL path, title and translation key.
The same SQL runs on SQLite and PostgreSQL.

A copy is its source's page row, its specific rows, its cluster children (the rows whose
ParentalKey points at the specific page: keywords, ratings, links) and its many-to-many choices.
Not copied: revisions (a copy has no history, as a page created in code before its first edit),
comments, log entries and the reference index. The search index entries can be copied too: the
database's on PostgreSQL (copy_index_entries) and the search engine's (copy_engine_documents).
"""

import uuid

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import F, Max
from modelcluster.fields import ParentalKey
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from search.engine_guard import engine_timeout

COPIES_TABLE = "hub_bench_page_copies"
# Page columns a copy does not take from its source: the temporary table's, or none.
FROM_COPIES = ("id", "path", "title", "draft_title", "slug", "url_path", "translation_key")
CLEARED = ("numchild", "latest_revision", "live_revision", "alias_of", "locked_by", "locked_at")


def _quote(name):
    return connection.ops.quote_name(name)


def _copy_rows(table, columns, replaced, join_column):
    """INSERT the rows of `table` joined to the copies on `join_column`, with `replaced` columns."""
    selected = [replaced.get(column, f"t.{_quote(column)}") for column in columns]
    # Identifiers come from the models' metadata, quoted; no value is formatted into the SQL.
    return (
        f"INSERT INTO {_quote(table)} ({', '.join(_quote(c) for c in columns)}) "  # noqa: S608
        f"SELECT {', '.join(selected)} FROM {_quote(table)} t "
        f"JOIN {COPIES_TABLE} m ON t.{_quote(join_column)} = m.source_id"
    )


def _page_statement():
    replaced = {Page._meta.get_field(name).column: f"m.{name}" for name in FROM_COPIES}
    replaced[Page._meta.get_field("draft_title").column] = "m.title"
    for name in CLEARED:
        field = Page._meta.get_field(name)
        replaced[field.column] = "0" if name == "numchild" else "NULL"
    columns = [field.column for field in Page._meta.concrete_fields]
    return _copy_rows(Page._meta.db_table, columns, replaced, Page._meta.pk.column)


def _specific_statements(model):
    """The rows of each model between Page and `model`, then their children and choices."""
    statements = []
    copied = [m for m in [model, *model._meta.get_parent_list()] if m is not Page]
    for concrete in reversed(copied):
        pointer = concrete._meta.pk  # the one-to-one link to its parent model
        columns = [field.column for field in concrete._meta.local_concrete_fields]
        statements.append(
            _copy_rows(concrete._meta.db_table, columns, {pointer.column: "m.id"}, pointer.column)
        )
    for relation in model._meta.related_objects:
        if isinstance(relation.field, ParentalKey) and relation.model in copied:
            child = relation.related_model
            key = relation.field.column
            columns = [f.column for f in child._meta.concrete_fields if not f.primary_key]
            statements.append(_copy_rows(child._meta.db_table, columns, {key: "m.id"}, key))
    for concrete in copied:
        for field in concrete._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue  # a through model of its own: copied above if it is a cluster child
            own = field.m2m_column_name()
            columns = [own, field.m2m_reverse_name()]
            statements.append(_copy_rows(through._meta.db_table, columns, {own: "m.id"}, own))
    return statements


def _create_copies_table(cursor):
    def column_type(name):
        return Page._meta.get_field(name).db_type(connection)

    id_type = Page._meta.pk.rel_db_type(connection)
    columns = [f"source_id {id_type}", f"id {id_type}"] + [
        f"{name} {column_type(name)}" for name in FROM_COPIES if name not in ("id", "draft_title")
    ]
    cursor.execute(f"DROP TABLE IF EXISTS {COPIES_TABLE}")
    cursor.execute(f"CREATE TEMPORARY TABLE {COPIES_TABLE} ({', '.join(columns)})")


def copy_children(parent, sources, count, name, chunk=5000):
    """Add `count` copies of `sources` (pages of one specific model) as `parent`'s last children.

    The sources are copied in turn; `name(source_title, new_id)` gives each copy's title and slug
    (unique among the parent's children). Returns [(source id, copy id)], one pair a copy.
    """
    sources = list(sources)
    if count <= 0 or not sources:
        return []
    model = sources[0].specific_class
    if any(source.specific_class is not model for source in sources):
        raise ValueError("Copy pages of one model at a time.")
    translation_key = Page._meta.get_field("translation_key")
    with transaction.atomic():
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        last = parent.get_last_child()
        first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        first_id = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        rows = []
        for number in range(count):
            source = sources[number % len(sources)]
            page_id = first_id + number
            title, slug = name(source.title, page_id)
            rows.append(
                (
                    source.pk,
                    page_id,
                    Page._get_path(parent.path, parent.depth + 1, first_step + number),
                    title,
                    slug,
                    f"{parent.url_path}{slug}/",
                    translation_key.get_db_prep_value(uuid.uuid4(), connection),
                )
            )
        with connection.cursor() as cursor:
            _fill_copies_table(cursor, rows, chunk)
            for statement in [_page_statement(), *_specific_statements(model)]:
                cursor.execute(statement)
            cursor.execute(f"DROP TABLE {COPIES_TABLE}")
            for statement in connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(statement)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return [(row[0], row[1]) for row in rows]


def _fill_copies_table(cursor, rows, chunk=5000):
    _create_copies_table(cursor)
    columns = ["source_id", "id", "path", "title", "slug", "url_path", "translation_key"]
    insert = (
        f"INSERT INTO {COPIES_TABLE} ({', '.join(columns[: len(rows[0])])}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(rows[0]))})"
    )
    for start in range(0, len(rows), chunk):
        cursor.executemany(insert, rows[start : start + chunk])


def copy_index_entries(pairs, chunk=5000):
    """Give each copy (source id, copy id) its source's entry in the PostgreSQL search index.

    The entry is the source's word for word but for its plain-text title: where a copy's title
    differs from its source's (the benchmark's copies differ by a number), the title's words are
    the source's. Rebuilding the index of 100,000 pages through update_index would take most of
    an hour of one core; this takes seconds. Only for Wagtail's PostgreSQL database backend.
    """
    if not pairs:
        return
    if connection.vendor != "postgresql":
        raise ValueError("Index entries are copied only on PostgreSQL: use update_index.")
    columns = [f.column for f in IndexEntry._meta.concrete_fields if not f.primary_key]
    object_id = IndexEntry._meta.get_field("object_id").column
    content_type = IndexEntry._meta.get_field("content_type").column
    selected = {column: f"t.{_quote(column)}" for column in columns} | {
        object_id: "m.id::text",
        "title_text": "p.title",
    }
    page = Page._meta
    with transaction.atomic(), connection.cursor() as cursor:
        _fill_copies_table(cursor, pairs, chunk)
        cursor.execute(
            f"INSERT INTO {_quote(IndexEntry._meta.db_table)} "  # noqa: S608
            f"({', '.join(_quote(c) for c in columns)}) "
            f"SELECT {', '.join(selected[c] for c in columns)} "
            f"FROM {_quote(IndexEntry._meta.db_table)} t "
            f"JOIN {_quote(page.db_table)} s ON t.{_quote(object_id)} = s.id::text "
            f"AND t.{_quote(content_type)} = s.{_quote(page.get_field('content_type').column)} "
            f"JOIN {COPIES_TABLE} m ON m.source_id = s.id "
            f"JOIN {_quote(page.db_table)} p ON p.id = m.id"
        )
        cursor.execute(f"DROP TABLE {COPIES_TABLE}")


def copy_engine_documents(pairs, engine):
    """Give each copy (source id, copy id) its source's document in the search engine's index.

    The document is the source's as the engine's backend makes it, under the copy's id and with
    the copy's title wherever the source's title was. Indexing 100,000 pages one object at a time
    through update_index would take most of an hour of one core; this sends the same documents in
    bulk. `engine` is a guarded engine backend (search/engine_guard.py).
    """
    if not pairs:
        return
    sources = Page.objects.filter(pk__in={source for source, _copy in pairs}).specific()
    sources = {page.pk: page for page in sources}
    titles = dict(
        Page.objects.filter(pk__in=[copy for _source, copy in pairs]).values_list("pk", "title")
    )
    made = {}  # source id -> (its language index, its document)
    batches = {}
    for source_id, copy_id in pairs:
        if source_id not in made:
            source = sources[source_id]
            index = engine.get_index_for_model(type(source)).index_for(source)
            made[source_id] = (index, index.mapping_class(type(source)).get_document(source))
        index, document = made[source_id]
        retitled = _retitled(document, sources[source_id].title, titles[copy_id])
        retitled |= {"_id": str(copy_id), "pk": str(copy_id)}
        batches.setdefault(index.name, (index, []))[1].append(retitled)
    with engine_timeout(engine.indexing_timeout):
        for index, documents in batches.values():
            engine.bulk(index.es, documents, index=index.name)
            index.refresh()


def _retitled(value, old, new):
    if value == old:
        return new
    if isinstance(value, list):
        return [_retitled(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _retitled(item, old, new) for key, item in value.items()}
    return value
