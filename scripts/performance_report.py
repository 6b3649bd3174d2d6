"""docs/performance.md, written in parts: each benchmark script replaces its own marked section.

Each script owns the text between its start and end markers; everything else in the file (the
figures of the other scripts, the notes written by hand) is kept as it is.
"""

import re
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_section(block, start, end, heading=""):
    """Put `block` (which begins with `start` and ends with `end`) in place of the marked
    section, or at the end of the file (under `heading`, if given) the first time."""
    current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Performance\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _match: block, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + (f"{heading}\n\n" if heading else "") + block
        updated += "\n"
    REPORT.write_text(updated, encoding="utf-8")
