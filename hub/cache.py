"""Django's database cache with an increment that holds under several workers.

The stock DatabaseCache.incr() reads, adds and writes in three steps: two workers counting at once
both read 3 and both write 4, so a limit of five lets more than five through. It also writes the
new value with the default timeout, so a counter meant to last an hour vanishes five minutes
after its last increment. This incr() locks the row first and keeps its expiry.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as StockDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(StockDatabaseCache):
    def incr(self, key, delta=1, version=None):
        db_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        with transaction.atomic(using=db):
            with connection.cursor() as cursor:
                # A write that changes nothing takes the lock: a row lock on PostgreSQL, the
                # database's write lock on SQLite. Another worker's incr() waits here until this
                # transaction commits, then reads the value this one wrote.
                cursor.execute(
                    f"UPDATE {table} SET expires = expires WHERE cache_key = %s",  # noqa: S608
                    [db_key],
                )
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET value = %s WHERE cache_key = %s",  # noqa: S608
                    [encoded, db_key],
                )
        return value
