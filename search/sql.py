"""SQL that differs between the databases the hub runs on."""

import sqlite3


def materialized(connection):
    """The keyword asking for a CTE to be evaluated once, where the database knows it.

    PostgreSQL has it since 12 and SQLite since 3.35; Django 5.2 still runs on SQLite 3.31 (RHEL 9
    ships 3.34), where the keyword is a syntax error. Without it the answers are the same, only
    slower.
    """
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "
