"""Interface translations: compiled from the committed .po files without GNU gettext.

Django's compilemessages needs msgfmt, which a machine with only Python does not have; polib
writes the same .mo files, so `make run` and `make test` compile the catalogues themselves.
"""

from pathlib import Path

import polib
from django.conf import settings


def catalogues():
    """Every .po file under the project's LOCALE_PATHS."""
    for locale_path in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues():
    """Write a .mo beside each .po that is newer than its .mo. Returns the paths compiled."""
    compiled = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        compiled.append(mo_path)
    return compiled
