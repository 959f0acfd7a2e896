"""Recommended targets become one ladder per ladder length: ["80", "85", "90"] → [["80", "85", "90"]]."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def _nested(value: Any) -> list[Any]:
    stored = list(value or [])
    if stored and not all(isinstance(item, list) for item in stored):
        return [stored]
    return stored


def forwards(apps: Any, schema_editor: Any) -> None:
    for name in ("BasketKpi", "HistoricalBasketKpi"):
        model = apps.get_model("basket", name)
        for row in model.objects.exclude(recommended_targets=[]).only("pk", "recommended_targets").iterator():
            nested = _nested(row.recommended_targets)
            if nested != row.recommended_targets:
                model.objects.filter(pk=row.pk).update(recommended_targets=nested)


def backwards(apps: Any, schema_editor: Any) -> None:
    # The three-level ladder (or the first one) goes back to the flat shape; other lengths are lost.
    for name in ("BasketKpi", "HistoricalBasketKpi"):
        model = apps.get_model("basket", name)
        for row in model.objects.exclude(recommended_targets=[]).only("pk", "recommended_targets").iterator():
            ladders = _nested(row.recommended_targets)
            flat = next((ladder for ladder in ladders if len(ladder) == 3), ladders[0] if ladders else [])
            model.objects.filter(pk=row.pk).update(recommended_targets=flat)


class Migration(migrations.Migration):
    dependencies = [("basket", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="basketkpi",
            name="recommended_targets",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='ค่าเป้าหมายที่แนะนำ ชุดละหนึ่งจำนวนขั้น เรียงจากขั้นแรก: [["80", "85", "90"], ["60", …, "100"]]',
            ),
        ),
        migrations.AlterField(
            model_name="historicalbasketkpi",
            name="recommended_targets",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='ค่าเป้าหมายที่แนะนำ ชุดละหนึ่งจำนวนขั้น เรียงจากขั้นแรก: [["80", "85", "90"], ["60", …, "100"]]',
            ),
        ),
    ]
