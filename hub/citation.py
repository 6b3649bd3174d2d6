"""'Cite this': one citation of a page, written as APA-style text, BibTeX and RIS.

A page is citable when its class says `citable = True` (case studies, toolkits and guides,
stories). It may name its authors with `citation_authors()`; otherwise the hub itself is the
author, as an organisation. Only live, public pages are cited (hub.views.citation), so a draft,
members-only or withdrawn page never gives away its title.
"""

import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from hub.absolute_urls import absolute_url

BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_~^])")


@dataclass(frozen=True)
class Citation:
    authors: tuple
    corporate: bool  # the authors are an organisation (written in braces in BibTeX)
    title: str
    kind: str
    site_name: str
    date: object
    url: str
    language: str
    key: str


def page_address(page, request=None):
    url = page.get_url(request) or ""
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def citation_for(page, request=None):
    site = page.get_site()
    site_name = (site.site_name if site else "") or "Co-production hub"
    authors = tuple(name for name in getattr(page, "citation_authors", list)() if name)
    published = page.last_published_at or page.first_published_at or timezone.now()
    date = timezone.localdate(published)
    return Citation(
        authors=authors or (site_name,),
        corporate=not authors,
        title=page.title,
        kind=str(page.specific_class._meta.verbose_name),
        site_name=site_name,
        date=date,
        url=page_address(page, request),
        language=page.locale.language_code,
        key=f"{slugify(page.slug)[:40] or 'page'}{date.year}",
    )


def apa(citation):
    """Author. (Year, Month Day). Title [Kind]. Site. URL"""
    authors = ", ".join(citation.authors)
    when = f"{citation.date.year}, {date_format(citation.date, 'F j')}"
    site = "" if citation.corporate else f" {citation.site_name}."
    return f"{authors}. ({when}). {citation.title} [{citation.kind}].{site} {citation.url}"


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex(citation):
    if citation.corporate:
        author = "{" + bibtex_escape(citation.authors[0]) + "}"
    else:
        author = " and ".join(bibtex_escape(name) for name in citation.authors)
    fields = [
        ("author", author),
        ("title", bibtex_escape(citation.title)),
        ("year", str(citation.date.year)),
        ("month", citation.date.strftime("%b").lower()),
        ("publisher", bibtex_escape(citation.site_name)),
        ("howpublished", bibtex_escape(citation.kind)),
        ("url", citation.url),
        ("urldate", timezone.localdate().isoformat()),
        ("language", citation.language),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


def ris(citation):
    tag = "A2" if citation.corporate else "AU"
    lines = [("TY", "ELEC")]
    lines += [(tag, name) for name in citation.authors]
    lines += [
        ("TI", citation.title),
        ("PY", str(citation.date.year)),
        ("DA", citation.date.strftime("%Y/%m/%d")),
        ("PB", citation.site_name),
        ("M3", citation.kind),
        ("UR", citation.url),
        ("Y2", timezone.localdate().strftime("%Y/%m/%d")),
        ("LA", citation.language),
        ("ER", ""),
    ]
    # RIS: two-letter tag, two spaces, a hyphen, a space; CRLF line ends.
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
