from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def template() -> dict[str, Any]:
    """A complete, valid Basket entry as the API and services take it."""
    return {
        "code": "T66-900",
        "group": "agencies",
        "name_th": "ร้อยละของผู้รับบริการที่พึงพอใจต่อบริการดิจิทัล",
        "name_en": "Share of users satisfied with digital services",
        "domain": "governance",
        "definition_th": "ผู้รับบริการที่ตอบแบบสำรวจว่าพึงพอใจมากขึ้นไป",
        "formula_th": "(จำนวนผู้พึงพอใจ / จำนวนผู้ตอบทั้งหมด) × 100",
        "unit_th": "ร้อยละ",
        "direction": "higher_is_better",
        "measure": "numeric",
        "baseline": [{"year": 2563, "value": "78.5"}, {"year": 2564, "value": "80"}, {"year": 2565, "value": "82.25"}],
        "recommended_targets": ["80", "85", "90"],
        "data_source_th": "ระบบสำรวจความพึงพอใจ",
        "evidence_th": "รายงานผลการสำรวจ",
        "plan_links": ["MP20"],
        "applicable_kinds": ["department", "ministry"],
        "themes": ["eservice"],
        "tunable_fields": ["targets", "weight"],
        "ministry": "",
    }
