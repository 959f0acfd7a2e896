"""Writing a snapshot's organisations fast: a national year is 9,600 documents of ~13 KB each.

On PostgreSQL the rows go in with one `COPY` (no per-value quoting of the JSON in Python, which
made a national year's insert take minutes); elsewhere (SQLite) with `bulk_create`. Carrying the
unchanged organisations of a previous version into an amendment is one `INSERT ... SELECT` in the
database. Each row's summary columns (`models.summary_of`) are written with it. Only `publication.services` calls these, inside its transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import connections, router

from govkpi.publication.models import Publication, PublishedOrganisation, summary_of

BATCH = 1000
SUMMARY = ("name_th", "name_en", "kind", "round_months", "total", "band", "document_amended")
COLUMNS = (
    "publication_id",
    "organisation_id",
    "code",
    "search_text",
    "amended_on",
    "amendment_reason_th",
    "document",
    *SUMMARY,
)


class Row(NamedTuple):
    """One organisation of a snapshot about to be written."""

    organisation_id: int
    code: str
    search_text: str
    amended_on: dt.date | None
    amendment_reason_th: str
    document: dict[str, Any]


def write_organisations(publication: Publication, rows: Sequence[Row]) -> None:
    """Insert the organisations of a new snapshot (all in the caller's transaction)."""
    connection = connections[router.db_for_write(PublishedOrganisation)]
    if connection.vendor != "postgresql":
        PublishedOrganisation.objects.bulk_create(
            [
                PublishedOrganisation(publication=publication, **row._asdict(), **summary_of(row.document))
                for row in rows
            ],
            batch_size=BATCH,
        )
        return
    table = connection.ops.quote_name(PublishedOrganisation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            summary = summary_of(row.document)
            copy.write_row(
                (
                    publication.pk,
                    row.organisation_id,
                    row.code,
                    row.search_text,
                    row.amended_on,
                    row.amendment_reason_th,
                    json.dumps(row.document, ensure_ascii=False),
                    *(summary[name] for name in SUMMARY),
                )
            )


def carry_organisations(previous: Publication, publication: Publication, codes: Sequence[str]) -> None:
    """Copy these organisations of the previous version into the new one as they were published."""
    if not codes:
        return
    connection = connections[router.db_for_write(PublishedOrganisation)]
    table = connection.ops.quote_name(PublishedOrganisation._meta.db_table)
    kept = [connection.ops.quote_name(c) for c in COLUMNS[1:]]
    for start in range(0, len(codes), BATCH):
        chunk = list(codes[start : start + BATCH])
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({connection.ops.quote_name(COLUMNS[0])}, {', '.join(kept)}) "
                f"SELECT %s, {', '.join(kept)} FROM {table} WHERE {connection.ops.quote_name('publication_id')} = %s "
                f"AND {connection.ops.quote_name('code')} IN ({marks})",
                [publication.pk, previous.pk, *chunk],
            )
