"""PostgreSQL's pg_trgm extension, for "did you mean" (search/did_you_mean.py).

Created only on PostgreSQL, and only where the database user may: without it, the same
suggestions come from Python's difflib, more slowly on a large vocabulary.
"""

from django.db import migrations, transaction
from django.db.utils import DatabaseError


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):  # a savepoint
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        pass  # not permitted (or not installed): search/did_you_mean.py falls back to Python


class Migration(migrations.Migration):
    dependencies = [("search", "0005_seed_synonym_sets")]

    # The extension is left in place when migrating back: other database objects may use it.
    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop)]
