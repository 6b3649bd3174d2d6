"""A listing's results as CSV, JSON or an RSS feed, at the listing's own URL (`format=`).

CSV and JSON carry every result (not one page of them) in the chosen order, streamed: the ids
are read once, then the pages are loaded EXPORT_CHUNK at a time, so memory stays bounded and
the number of queries grows with the chunks, not the pages. The feed carries the newest
FEED_ITEMS. The listing only ever holds live, public pages, so drafts and members-only pages
never appear. Columns are the listing's `export_columns`, documented in docs/data.md.
"""

import csv
import json
from dataclasses import dataclass
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.feedgenerator import Rss201rev2Feed

EXPORTS = ("csv", "json", "rss")
EXPORT_CHUNK = 500
FEED_ITEMS = 50
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str  # the CSV heading and the JSON key: stable, never translated
    value: object  # callable(page, request) giving the cell


def escape_cell(value):
    """The text of a CSV cell, with a leading quote where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def exported_pages(listing):
    """Every result, in order, loaded a chunk at a time."""
    ids = list(listing.ordered_results().values_list("pk", flat=True))
    for chunk in chunks(ids, EXPORT_CHUNK):
        yield from listing.load(chunk)


def rows(listing, request):
    for page in exported_pages(listing):
        yield {column.name: column.value(page, request) for column in listing.export_columns}


class Echo:
    """A file-like object whose write() hands back what it was given, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(listing, request):
    writer = csv.writer(Echo())
    yield writer.writerow([column.name for column in listing.export_columns])
    for row in rows(listing, request):
        yield writer.writerow([escape_cell(value) for value in row.values()])


def json_text(listing, request):
    yield "["
    for position, row in enumerate(rows(listing, request)):
        yield ("," if position else "") + json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "]"


def feed(listing, request):
    newest = (F("first_published_at").desc(nulls_last=True), "-pk")
    pages = listing.results.order_by(*newest).values_list("pk", flat=True)
    link = request.build_absolute_uri(listing.base_url)
    rss = Rss201rev2Feed(
        title=listing.index_page.title,
        link=link,
        description=listing.results_sentence,
        language=listing.index_page.locale.language_code,
        feed_url=request.build_absolute_uri(listing.url(format="rss")),
    )
    for page in listing.load(list(pages[:FEED_ITEMS])):
        rss.add_item(
            title=page.title,
            link=page.get_full_url(request),
            description=listing.feed_description(page),
            pubdate=page.first_published_at,
            unique_id=page.get_full_url(request),
        )
    return rss.writeString("utf-8")


def export_response(listing, export, request):
    filename = listing.index_page.slug or "listing"
    if export == "rss":
        return HttpResponse(
            feed(listing, request), content_type="application/rss+xml; charset=utf-8"
        )
    if export == "csv":
        response = StreamingHttpResponse(
            csv_lines(listing, request), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            json_text(listing, request), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export}"'
    return response
