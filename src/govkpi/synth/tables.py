"""Writing millions of generated rows fast: plain tuples straight into a table.

The ORM's `bulk_create` instantiates a model per row and builds a long INSERT per batch: a
national world (4 million results) would take most of an hour that way. Here the caller gives
each row as a tuple of the columns it chooses (primary key included: ids are assigned by the
generator, so rows can point at each other without reading anything back); every other column
gets its field's default, prepared once. SQLite receives one prepared INSERT run with
`executemany`; PostgreSQL receives `COPY … FROM STDIN`, its fastest way in. Only the generator
uses this, on a database that holds nothing else: history tables are not written and model
`save()` logic does not run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models.fields.json import JSONField

#: The moment written into every auto_now / auto_now_add column the caller does not set, so the
#: same seed gives byte-for-byte the same data.
GENERATED_AT = dt.datetime(2023, 10, 1, tzinfo=dt.UTC)


def to_json(value: object) -> str:
    """A JSON column's text (UTF-8, not escaped: Thai explanations are half the size)."""
    return json.dumps(value, ensure_ascii=False)


def db_datetime(value: dt.datetime) -> object:
    """A datetime as this database takes it in a raw row."""
    return connection.ops.adapt_datetimefield_value(value) if connection.vendor == "sqlite" else value


def _prepared_default(field: models.Field) -> object:  # type: ignore[type-arg]
    if isinstance(field, JSONField):
        return to_json(field.get_default())
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        return db_datetime(GENERATED_AT)
    if field.has_default() or not field.null:
        value = field.get_default()
        if isinstance(value, dt.datetime):
            return db_datetime(GENERATED_AT)
        return field.get_db_prep_save(value, connection)
    return None


class Table:
    """One model's table, written from tuples of `columns` (attribute names such as `kpi_id`)."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        fields = list(model._meta.concrete_fields)
        known = {f.attname for f in fields}
        unknown = set(columns) - known
        if unknown:
            raise ValueError(f"{model._meta.label} has no column {sorted(unknown)}")
        rest = [f for f in fields if f.attname not in columns]
        by_attname = {f.attname: f for f in fields}
        self.column_names = [str(by_attname[c].column) for c in columns] + [str(f.column) for f in rest]
        self.constants = tuple(_prepared_default(f) for f in rest)
        self.written = 0

    def next_id(self) -> int:
        """The first free primary key (1 in a fresh database)."""
        found = self.model._default_manager.aggregate(top=models.Max("pk"))["top"]
        return int(found or 0) + 1

    def write(self, rows: list[tuple[Any, ...]]) -> int:
        """Write the rows (each the chosen columns in order); the number written."""
        constants = self.constants
        full = (row + constants for row in rows)
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in self.column_names)
        count = 0
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({names}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in full:
                    copy.write_row(row)
                    count += 1
        else:
            marks = ", ".join("?" for _ in self.column_names)
            connection.ensure_connection()
            raw = connection.connection
            raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", full)
            count = len(rows)
        self.written += count
        return count


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    """After rows were written with explicit ids, PostgreSQL's sequences must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@contextmanager
def deferred_indexes(models_: Iterable[type[models.Model]]) -> Iterator[None]:
    """Drop these tables' secondary indexes while they are filled and build each once at the end:
    sorting a million keys once is far faster than inserting them one by one. Primary keys and
    the unique constraints stay. Use inside a transaction: both databases roll DDL back."""
    tables = [m._meta.db_table for m in models_]
    found: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
            elif connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = %s"
                    " AND schemaname = current_schema()"
                    " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                    [table],
                )
            else:
                continue
            found.extend(cursor.fetchall())
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, sql in found:
            cursor.execute(sql)
