"""Dashboard pages: thin views over dashboards.selectors; charts drawn by static/dashboards/charts.js."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from govkpi.core.views import int_param
from govkpi.dashboards import charts, selectors
from govkpi.dashboards.maps import province_map
from govkpi.dashboards.scores import BAND_PALETTE, NO_DATA
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Round
from govkpi.organisations.access import viewer_of
from govkpi.organisations.choices import KIND_EN, OrganisationKind
from govkpi.organisations.models import Organisation

KIND_TH = dict(OrganisationKind.choices)


def scorecard_url(org: Organisation, year: int, round_: Round | None) -> str:
    """The scorecards page of an organisation (owned by the scorecards app)."""
    return f"/scorecards/{org.code}/{year}/{round_.months if round_ else 12}/"


@login_required
def national(request: HttpRequest) -> HttpResponse:
    view = selectors.national_view(
        viewer=viewer_of(request), year=int_param(request, "year"), lineage=request.GET.get("lineage", "")
    )
    groups = sorted({(r.group, r.kind) for r in view.bands})
    # Series in band order (best first) so their colours are the map's colours for the same band.
    rank = {b.name_th: b.min_score for f in view.frameworks for b in f.bands.all()}
    band_names = sorted({r.band for r in view.bands}, key=lambda b: (-rank.get(b, Decimal(-1)), b))
    colours = [BAND_PALETTE[min(i, len(BAND_PALETTE) - 1)] if b in rank else NO_DATA for i, b in enumerate(band_names)]
    categories = [f"{GroupCode(g).label} · {KIND_TH.get(k, k)}" for g, k in groups]
    series = {
        band: [sum(r.count for r in view.bands if (r.group, r.kind) == gk and r.band == band) for gk in groups]
        for band in band_names
    }
    bands_chart = charts.bar(
        _("ระดับผลการประเมินตามกลุ่มและประเภทหน่วยงาน"),
        _("แผนภูมิแท่งซ้อน จำนวนหน่วยงานในแต่ละระดับ ปี %(year)s รวม %(n)s หน่วยงาน")
        % {"year": view.year, "n": view.scored_organisations},
        categories,
        {b: list(v) for b, v in series.items()},
        stacked=True,
        colours=colours,
    )
    histogram_chart = charts.bar(
        _("การกระจายของคะแนนรวม"),
        _("ฮิสโตแกรม จำนวนหน่วยงานตามช่วงคะแนนรวมช่วงละ 10 คะแนน ปี %(year)s") % {"year": view.year},
        [label for label, _ in view.histogram],
        {_("จำนวนหน่วยงาน"): [n for _, n in view.histogram]},
    )
    progress_rows = [(fp.framework, rp) for fp in view.progress for rp in fp.rounds]
    progress_chart = charts.bar(
        _("ความก้าวหน้าการรายงานผลรายรอบ"),
        _("แผนภูมิแท่ง จำนวนหน่วยงานที่รายงานผลครบและที่ต้องรายงาน ในแต่ละกลุ่มและรอบ"),
        [f"{f.get_group_display()} {rp.round.months} {_('เดือน')}" for f, rp in progress_rows],
        {
            _("รายงานครบ"): [rp.reported for _r, rp in progress_rows],
            _("ต้องรายงาน"): [rp.expected for _r, rp in progress_rows],
        },
    )
    trend_chart = charts.line(
        _("แนวโน้มคะแนนของตัวชี้วัดเดียวกันข้ามปี"),
        _("กราฟเส้น คะแนนเฉลี่ย ต่ำสุด และสูงสุดของตัวชี้วัดสาย %(lineage)s แยกตามปี") % {"lineage": view.lineage},
        [str(p.year) for p in view.trend],
        {
            _("เฉลี่ย"): [charts.as_number(p.average_points) for p in view.trend],
            _("ต่ำสุด"): [charts.as_number(p.min_points) for p in view.trend],
            _("สูงสุด"): [charts.as_number(p.max_points) for p in view.trend],
        },
    )
    return render(
        request,
        "dashboards/national.html",
        {
            "view": view,
            "kind_th": KIND_TH,
            "groups": dict(GroupCode.choices),
            "kind_en": KIND_EN,
            "progress_rows": progress_rows,
            "bands_chart": bands_chart,
            "histogram_chart": histogram_chart,
            "progress_chart": progress_chart,
            "trend_chart": trend_chart,
        },
    )


@login_required
def organisation(request: HttpRequest, code: str) -> HttpResponse:
    view = selectors.organisation_view(viewer=viewer_of(request), code=code)
    labels = [f"{s.year} ({s.months} {_('ด.')})" for s in view.scores]
    totals_chart = charts.line(
        _("คะแนนรวมรายปีและรายรอบ"),
        _("กราฟเส้น คะแนนรวมของ %(name)s แยกตามปีและรอบการประเมิน") % {"name": view.organisation.name_th},
        labels,
        {_("คะแนนรวม"): [charts.as_number(s.total) for s in view.scores]},
    )
    return render(
        request,
        "dashboards/organisation.html",
        {"view": view, "org": view.organisation, "totals_chart": totals_chart},
    )


@login_required
def provinces(request: HttpRequest) -> HttpResponse:
    view = selectors.province_view(viewer=viewer_of(request), year=int_param(request, "year"))
    year = view.year or 0
    tile_map = (
        province_map(
            view.framework,
            colour_by=request.GET.get("colour", "band"),
            link=lambda org, round_: scorecard_url(org, year, round_),
        )
        if view.framework
        else None
    )
    progress_chart = charts.bar(
        _("ความก้าวหน้าการรายงานผลของจังหวัด"),
        _("แผนภูมิแท่ง จำนวนจังหวัดที่รายงานผลครบและที่ต้องรายงานในแต่ละรอบ"),
        [f"{rp.round.months} {_('เดือน')}" for rp in view.progress],
        {_("รายงานครบ"): [rp.reported for rp in view.progress], _("ต้องรายงาน"): [rp.expected for rp in view.progress]},
    )
    bands_chart = charts.bar(
        _("ระดับผลการประเมินของจังหวัด"),
        _("แผนภูมิแท่ง จำนวนจังหวัดในแต่ละระดับ รวม %(n)s จังหวัด") % {"n": view.scored},
        [b for b, _ in view.bands],
        {_("จำนวนจังหวัด"): [n for _, n in view.bands]},
    )
    return render(
        request,
        "dashboards/provinces.html",
        {"view": view, "map": tile_map, "progress_chart": progress_chart, "bands_chart": bands_chart},
    )
