"""Near-duplicate KPI names: the similarity analysis shared by the alignment analysis (a proposed KPI
against the Basket and other organisations) and the review's target quality flags (KPIs of one
organisation against each other).

Names are segmented into words with PyThaiNLP (newmm, via core.thaisearch), common function words
dropped, and compared by Jaccard index of the word sets. A pair at or above DUPLICATE_THRESHOLD
(0.5: at least half of the two names' distinct words are shared) is reported. Measured on the
demo's 182 agency Basket names (benchmarks/similarity_threshold.py): 99.73% of pairs score below
0.3 and 0.04% reach 0.5; the list prompts OPDC's judgement.

The rows of one Joint KPI (one per participating organisation, with the Joint KPI's name) are one
KPI shared, never duplicates of each other (`joint_siblings`).
"""

from __future__ import annotations

from decimal import Decimal

from govkpi.core.thaisearch import segment
from govkpi.kpis.models import Kpi

DUPLICATE_THRESHOLD = Decimal("0.5")

#: Words too common in KPI names to say anything about what is measured.
STOPWORDS = frozenset(
    [
        "ร้อยละ",
        "ของ",
        "การ",
        "ที่",
        "และ",
        "ใน",
        "ได้",
        "รับ",
        "มี",
        "จำนวน",
        "ระดับ",
        "ความ",
        "สำเร็จ",
        "ให้",
        "เพื่อ",
        "ด้วย",
        "ตาม",
        "จาก",
        "โดย",
        "กับ",
        "ต่อ",
        "เป็น",
        "ผล",
        "อัตรา",
        "ค่า",
    ]
)


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in segment(text) if w not in STOPWORDS and len(w) > 1)


def jaccard(a: frozenset[str], b: frozenset[str]) -> Decimal:
    if not a or not b:
        return Decimal(0)
    return (Decimal(len(a & b)) / Decimal(len(a | b))).quantize(Decimal("0.01"))


def joint_siblings(a: Kpi, b: Kpi) -> bool:
    """Two rows of the same Joint KPI: shared, not duplicated."""
    return a.joint_id is not None and a.joint_id == b.joint_id
