"""Scoring and recommendations of the self-assessment, as small pure functions.

A visitor rates each statement from 0 (not yet) to 3 (fully). A principle's strength is the
average of its statements, rounded half up, so it reads on the same 0-3 scale as a case study's
rating (hub.models.Strength) and can be drawn with the same wedge.

A result is stored nowhere: it is a six-character code, one character per principle in the fixed
order of PRINCIPLE_KEYS ("0"-"3", or "-" for a principle that had no statements), and lives only
in the result's URL. Fixing the order in code, not in the database, keeps old result links valid
when editors reorder or rename principles.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hub.models import Principle, Strength
from hub.taxonomy_seed import PRINCIPLES

PRINCIPLE_KEYS = tuple(item["key"] for item in PRINCIPLES)
MAX_RATING = int(Strength.STRONG)
NOT_RATED = "-"
CODE_LENGTH = len(PRINCIPLE_KEYS)
RATING_PATTERN = re.compile(rf"[0-{MAX_RATING}]")
CODE_PATTERN = re.compile(rf"[0-{MAX_RATING}{NOT_RATED}]{{{CODE_LENGTH}}}")
# Finds a code inside a pasted result link ("https://.../result/302113/") or on its own.
CODE_IN_TEXT = re.compile(rf"(?:^|/)([0-{MAX_RATING}{NOT_RATED}]{{{CODE_LENGTH}}})(?:/|$|\?)")
# A case study counts as strong in a principle from "developing" up.
STRONG_ENOUGH = int(Strength.DEVELOPING)


class InvalidCode(ValueError):
    """A result code that is not one this tool could have produced."""


def principles_in_order(locale_id):
    """The principles of a language (falling back to the default language), in code order."""
    rank = {key: position for position, key in enumerate(PRINCIPLE_KEYS)}
    principles = [p for p in Principle.in_language(locale_id) if p.key in rank]
    return sorted(principles, key=lambda p: rank[p.key])


def parse_rating(value):
    """A rating from form input: an int 0-3, or None for anything else."""
    # Only the ASCII digits the form offers: str.isdigit() also accepts "³" and other digits.
    if isinstance(value, str) and RATING_PATTERN.fullmatch(value.strip()):
        return int(value.strip())
    return None


def round_half_up(number):
    return int(Decimal(str(number)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def score(statement_principles, answers):
    """{principle key: strength 0-3 or None} from the answers given.

    statement_principles: {statement id: principle key}. answers: {statement id: rating}; a
    statement without a valid answer is left out. A principle none of whose statements was
    answered scores None.
    """
    given = {}
    for statement_id, principle_key in statement_principles.items():
        rating = answers.get(statement_id)
        if rating is not None:
            given.setdefault(principle_key, []).append(rating)
    return {
        key: round_half_up(sum(given[key]) / len(given[key])) if key in given else None
        for key in PRINCIPLE_KEYS
    }


def encode(ratings):
    """The result code of {principle key: strength or None}."""
    characters = []
    for key in PRINCIPLE_KEYS:
        value = ratings.get(key)
        if value is None:
            characters.append(NOT_RATED)
        elif isinstance(value, int) and 0 <= value <= MAX_RATING:
            characters.append(str(value))
        else:
            raise ValueError(f"rating out of range for {key}: {value!r}")
    return "".join(characters)


def decode(code):
    """{principle key: strength or None} from a result code; InvalidCode if it is not one."""
    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise InvalidCode(code)
    ratings = {
        key: None if character == NOT_RATED else int(character)
        for key, character in zip(PRINCIPLE_KEYS, code, strict=True)
    }
    if all(value is None for value in ratings.values()):
        raise InvalidCode(code)
    return ratings


def code_from_text(text):
    """The result code in a pasted result link or code; InvalidCode if there is none."""
    text = (text or "").strip()[:500]
    match = CODE_IN_TEXT.search(text)
    if not match:
        raise InvalidCode(text)
    code = match.group(1)
    decode(code)
    return code


def _rated(ratings):
    return {key: value for key, value in ratings.items() if value is not None}


def weakest(ratings):
    """The keys of the lowest-rated principles (ties included), in principle order."""
    rated = _rated(ratings)
    if not rated:
        return []
    lowest = min(rated.values())
    return [key for key in PRINCIPLE_KEYS if rated.get(key) == lowest]


def strongest(ratings):
    """The keys of the highest-rated principles, or [] when every principle is rated the same.

    With even ratings there is no strongest principle to celebrate, only the weakest to grow.
    """
    rated = _rated(ratings)
    if not rated or max(rated.values()) == min(rated.values()):
        return []
    highest = max(rated.values())
    return [key for key in PRINCIPLE_KEYS if rated.get(key) == highest]


@dataclass(frozen=True)
class Candidate:
    """What the recommendations need to know about a case study, guide or resource."""

    pk: int
    title: str
    ratings: dict  # {principle key: strength}; for guides, 3 for each principle they cover
    keywords: frozenset = frozenset()


def recommend_case_studies(weak_keys, candidates, limit=6):
    """Case studies strong where the visitor is weak, best match first.

    A case study qualifies when it is at least "developing" in one of the weak principles. They
    are ranked by how many weak principles they are strong in, then by their total strength in
    those principles, then by title, so the order is stable.
    """
    ranked = []
    for candidate in candidates:
        strengths = [candidate.ratings.get(key) or 0 for key in weak_keys]
        covered = sum(1 for value in strengths if value >= STRONG_ENOUGH)
        if covered:
            ranked.append((-covered, -sum(strengths), candidate.title, candidate))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]


def recommend_by_keywords(keywords, candidates, limit=6):
    """Candidates sharing the most keywords with `keywords`, best first (none shared: left out)."""
    ranked = []
    for candidate in candidates:
        shared = len(candidate.keywords & keywords)
        if shared:
            ranked.append((-shared, candidate.title, candidate))
    ranked.sort(key=lambda item: item[:2])
    return [item[2] for item in ranked[:limit]]


def compare(before, after):
    """[(key, before, after, change)] for every principle rated in either result."""
    rows = []
    for key in PRINCIPLE_KEYS:
        old, new = before.get(key), after.get(key)
        if old is None and new is None:
            continue
        change = None if old is None or new is None else new - old
        rows.append((key, old, new, change))
    return rows


def recommend_guides(weak_keys, candidates, limit=6):
    """Toolkits and guides that cover the weak principles (candidate ratings 3 per principle)."""
    return recommend_case_studies(weak_keys, candidates, limit)
