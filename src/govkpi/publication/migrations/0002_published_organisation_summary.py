"""Summary columns on each snapshot row (names, kind, round, total, band, the document's amended
flag), filled for the rows already written from their documents: in SQL on PostgreSQL, row by row
elsewhere. The documents themselves are not changed (snapshots stay as published)."""

from typing import Any

from django.db import migrations, models

TABLE = "publication_publishedorganisation"

FILL_POSTGRES = f"""
UPDATE {TABLE} SET
    name_th = COALESCE(document->>'name_th', ''),
    name_en = COALESCE(document->>'name_en', ''),
    kind = COALESCE(document->>'kind', ''),
    round_months = COALESCE((document->>'round_months')::integer, 0),
    total = COALESCE(document->>'total', ''),
    band = COALESCE(document->>'band', ''),
    document_amended = COALESCE((document->>'is_amended')::boolean, false)
"""


def fill(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(FILL_POSTGRES)
            return
        # Elsewhere (SQLite): the same, row by row (the frozen rule of `models.summary_of`).
        model = apps.get_model("publication", "PublishedOrganisation")
        for pk, document in model._base_manager.values_list("pk", "document").iterator():
            document = document or {}
            cursor.execute(
                f"UPDATE {TABLE} SET name_th = %s, name_en = %s, kind = %s, round_months = %s, total = %s, "
                "band = %s, document_amended = %s WHERE id = %s",
                [
                    str(document.get("name_th") or ""),
                    str(document.get("name_en") or ""),
                    str(document.get("kind") or ""),
                    int(document.get("round_months") or 0),
                    "" if document.get("total") is None else str(document["total"]),
                    str(document.get("band") or ""),
                    bool(document.get("is_amended")),
                    pk,
                ],
            )


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    operations = [
        migrations.AddField("publishedorganisation", "name_th", models.TextField(blank=True, default="")),
        migrations.AddField("publishedorganisation", "name_en", models.TextField(blank=True, default="")),
        migrations.AddField(
            "publishedorganisation", "kind", models.CharField(blank=True, default="", max_length=30)
        ),
        migrations.AddField("publishedorganisation", "round_months", models.PositiveSmallIntegerField(default=0)),
        migrations.AddField(
            "publishedorganisation", "total", models.CharField(blank=True, default="", max_length=40)
        ),
        migrations.AddField(
            "publishedorganisation", "band", models.CharField(blank=True, default="", max_length=40)
        ),
        migrations.AddField("publishedorganisation", "document_amended", models.BooleanField(default=False)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
