"""The framework most years have used, for demos, tests and the CLI's examples.

Real frameworks are data: OPDC configures them per fiscal year and evaluation group. The band
minimums here are illustrative, not a published rule.
"""

from __future__ import annotations

from decimal import Decimal

from govkpi.scoring.models import Band, ComponentRule, Framework, TargetLevel

DEFAULT_FRAMEWORK = Framework(
    target_levels=(
        TargetLevel("ขั้นต้น", Decimal(50)),
        TargetLevel("มาตรฐาน", Decimal(75)),
        TargetLevel("ขั้นสูง", Decimal(100)),
    ),
    components=(
        # Performance Base (การประเมินประสิทธิผลการดำเนินงาน), 70%, 3–5 KPIs.
        ComponentRule("performance", Decimal(70), 3, 5),
        # Potential Base (การประเมินศักยภาพในการดำเนินงาน), 30%, 2 KPIs.
        ComponentRule("potential", Decimal(30), 2, 2),
    ),
    bands=(
        Band("ระดับคุณภาพ", Decimal(90)),
        Band("ระดับมาตรฐาน", Decimal(75)),
        Band("ระดับต้องปรับปรุง", Decimal(0)),
    ),
    below_lowest_points=Decimal(0),
    monitoring_only=False,
)
