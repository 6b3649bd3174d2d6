"""The shared cache's table (hub.cache.DatabaseCache, settings.CACHES without REDIS_URL).

Created by `migrate`, so no set-up step can forget it; created whatever the cache setting is now,
so switching from Redis back to the database cache needs no extra command. Idempotent: an existing
table (e.g. made earlier by `createcachetable`) is left alone.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

CACHE_TABLE = "hub_cache"  # settings.CACHES["default"]["LOCATION"] for the database cache


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    if CACHE_TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
