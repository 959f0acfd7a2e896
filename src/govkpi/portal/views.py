"""The public portal: no login, stable URLs under /public/, published data only, pages cached.

Everything here is read from publication snapshots (`portal.selectors`). Pages of a year are
cached (logged-out renderings only, per language, see `core.cache_policy`) under a key made of the
path, a validated variant and the id of the latest snapshot of that year's frameworks, so an
amendment shows fresh pages at once and nothing unpublished is ever cached or served.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from govkpi.core.cache_policy import SERVER_SECONDS, public_page
from govkpi.frameworks.choices import GroupCode
from govkpi.frameworks.models import Framework
from govkpi.portal import kpi_sheet, opendata, selectors
from govkpi.publication import selectors as snapshots

#: How long the server keeps a public answer (the public API's JSON uses the same).
CACHE_SECONDS = SERVER_SECONDS


def _cached(
    request: HttpRequest, frameworks: list[Framework], build: Callable[[], HttpResponse], *, variant: str = ""
) -> HttpResponse:
    """The page through the one cache policy (`core.cache_policy.public_page`: only the logged-out
    rendering is stored, per language). `variant` is a value the view has validated."""
    return public_page(request, f"portal:{request.path}:{variant}:{selectors.stamp(frameworks)}", build)


def _framework(year: int, group: str) -> Framework:
    return selectors.published_framework(year=year, group=group)


def index(request: HttpRequest) -> HttpResponse:
    frameworks = list(selectors.published_frameworks())
    return _cached(
        request,
        frameworks,
        lambda: render(request, "portal/index.html", {"frameworks": frameworks, "years": selectors.published_years()}),
    )


def year(request: HttpRequest, year: int) -> HttpResponse:
    frameworks = selectors.frameworks_of_year(year)
    return _cached(
        request,
        frameworks,
        lambda: render(
            request,
            "portal/year.html",
            {
                "year": year,
                "frameworks": frameworks,
                "has_provinces": any(f.group == GroupCode.PROVINCES for f in frameworks),
            },
        ),
    )


def _version(request: HttpRequest, name: str = "version") -> int | None:
    """`?version=N` reads an earlier snapshot; anything but a small positive number is ignored."""
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 6 else None


def score_list(request: HttpRequest, year: int, group: str) -> HttpResponse:
    framework = _framework(year, group)
    version = _version(request)
    # `?sort=` names a column (a leading "-" reverses it); anything else sorts by name.
    raw = request.GET.get("sort", "name")[:10]
    sort = raw if raw.removeprefix("-") in selectors.SCORE_SORTS else "name"

    def build() -> HttpResponse:
        publication = selectors.publication_of(framework, version)  # NotFound → 404 (web.errors)
        rows, used = selectors.sort_score_rows(
            selectors.score_rows(framework, publication=publication), sort, language=get_language() or "th"
        )
        return render(
            request,
            "portal/scores.html",
            {
                "framework": framework,
                "year": year,
                "group": group,
                "publication": publication,
                "versions": snapshots.publication_list(framework),
                "rows": rows,
                "sort": used,
                "version_param": f"&version={version}" if version else "",
            },
        )

    return _cached(request, [framework], build, variant=f"{version or ''}:{sort}")


def scorecard(request: HttpRequest, year: int, group: str, code: str) -> HttpResponse:
    framework = _framework(year, group)
    version = _version(request)

    def build() -> HttpResponse:
        card = selectors.public_scorecard(framework=framework, code=code, version=version)
        return render(
            request, "portal/scorecard.html", {"card": card, "year": year, "group": group, "version": version}
        )

    return _cached(request, [framework], build, variant=str(version or ""))


def kpi_page(request: HttpRequest, year: int, group: str, code: str, kpi_code: str) -> HttpResponse:
    """The e-SAR page of one published KPI: its stable address shows the latest version; `?v=N`
    (or `?version=N`, as on the scorecard) an earlier one of the same round."""
    framework = _framework(year, group)
    version = _version(request, "v") or _version(request)

    def build() -> HttpResponse:
        kpi = kpi_sheet.public_kpi(framework=framework, code=code, kpi_code=kpi_code, version=version)
        return render(request, "portal/kpi.html", {"kpi": kpi, "year": year, "group": group})

    return _cached(request, [framework], build, variant=str(version or ""))


def _no_map(request: HttpRequest, year: int | None) -> HttpResponse:
    """No provinces year is published (yet): a page that says why and where to go, not a bare
    "not found". A year asked for by URL still answers 404, like every public URL of a year that
    is not published (its existence is not told); the menu's link without a year answers 200."""
    years = selectors.published_years()
    return render(
        request, "portal/map_empty.html", {"year": year, "years": years}, status=404 if year is not None else 200
    )


def province_map_latest(request: HttpRequest) -> HttpResponse:
    """The menu's map link: the latest published provinces year, or why there is none."""
    framework = selectors.published_provinces()
    if framework is None:
        return _no_map(request, None)
    return redirect("public-map", year=framework.fiscal_year.year)


def province_map_page(request: HttpRequest, year: int) -> HttpResponse:
    framework = selectors.published_provinces(year)
    if framework is None:
        return _no_map(request, year)
    # The map selector falls back to "band" for anything it does not know; the key only ever
    # holds a lineage the snapshot has (a stranger cannot fill the cache with made-up values).
    painted = selectors.province_map(framework, colour_by=request.GET.get("colour", "band")[:60])
    colour = painted.colour_by
    return _cached(
        request,
        [framework],
        lambda: render(
            request,
            "portal/map.html",
            {"year": year, "framework": framework, "map": painted},
        ),
        variant=colour,
    )


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    hits = selectors.search(query) if query else []
    return render(request, "portal/search.html", {"q": query, "hits": hits})


def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/data.html",
        {
            "frameworks": list(selectors.published_frameworks()),
            "dictionary": opendata.DICTIONARY,
            "datasets": opendata.DATASETS,
        },
    )


def data_dictionary(request: HttpRequest) -> HttpResponse:
    return HttpResponse(opendata.dictionary_json(), content_type="application/json; charset=utf-8")


def data_file(request: HttpRequest, year: int, group: str, dataset: str, fmt: str) -> HttpResponse:
    if dataset not in opendata.DATASETS or fmt not in {"csv", "json"}:
        raise Http404("ไม่พบไฟล์นี้")
    framework = _framework(year, group)

    def build() -> HttpResponse:
        if fmt == "csv":
            response = HttpResponse(opendata.as_csv(dataset, framework), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                opendata.as_json(dataset, framework), content_type="application/json; charset=utf-8"
            )
        return response

    response = _cached(request, [framework], build)
    response["Content-Disposition"] = f'inline; filename="{dataset}-{year}-{group}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
