"""A person's walk through the app: every user action counted, every page looked at twice.

`Walk` wraps a Playwright page. Its `click`/`fill`/`choose`/`upload`/`type_url` are the person's
actions and are counted (a typed URL counts: somebody had to know it). `look(step)` is what a tester
does on every page reached: a screenshot at 1280×800 and at 390×844 under
`var/artifacts/day/<role>/<step>-<width>.png`, axe-core (vendored from npm, injected from our static
files at /static/vendor/axe/, never a CDN) at both widths, and at 390 px whether the page scrolls sideways. Findings are
gathered and asserted at the end of the walk (`assert_clean`), so one run shows them all.

The navigation helpers at the bottom go the shortest way the pages offer today: a link on the
current page (the home work queue), then the menu, then a typed URL; they switch to the queue and
the bulk buttons by themselves when those pages offer them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "src/govkpi/web/static/vendor/axe/axe.min.js"
ARTIFACTS = ROOT / "var/artifacts/day"
CLICKS_BASELINE = Path(__file__).with_name("clicks.json")
VIEWPORTS = ((1280, 800), (390, 844))
PHONE = 390
BLOCKING = frozenset({"serious", "critical"})

_AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length, targets: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
}"""


@dataclass
class Walk:
    page: Any
    role: str
    base: str
    actions: Counter[str] = field(default_factory=Counter)
    pages: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    sideways: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ counted actions
    def click(self, target: Any) -> None:
        self.actions["click"] += 1
        self._locator(target).click()

    def fill(self, target: Any, value: str) -> None:
        self.actions["fill"] += 1
        self._locator(target).fill(value)

    def choose(self, target: Any, value: str) -> None:
        self.actions["choose"] += 1
        self._locator(target).select_option(value)

    def upload(self, target: Any, path: Path) -> None:
        self.actions["upload"] += 1
        self._locator(target).set_input_files(str(path))

    def type_url(self, path: str) -> None:
        self.actions["typed_url"] += 1
        self.page.goto(self.base + path)

    @property
    def count(self) -> int:
        return sum(self.actions.values())

    def _locator(self, target: Any) -> Any:
        return self.page.locator(target).first if isinstance(target, str) else target

    # ------------------------------------------------------------------ looking at a page
    def look(self, step: str) -> None:
        """Screenshots, axe-core and the sideways-scroll check, at both widths, on the page as it is."""
        page = self.page
        page.wait_for_load_state("load")
        url = page.url.removeprefix(self.base)
        self.pages.append(url)
        folder = ARTIFACTS / self.role
        folder.mkdir(parents=True, exist_ok=True)
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(folder / f"{step}-{width}.png"), full_page=True)
            if width == PHONE:
                scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if scroll > inner:
                    self.sideways.append(f"{step} {url}: {scroll} px wide at {inner} px")
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                # From the app's own static files (the vendored copy, AXE): the pages' CSP allows
                # scripts from 'self' only, which also proves no CDN is involved.
                page.add_script_tag(url=f"{self.base}/static/vendor/axe/axe.min.js")
            for v in page.evaluate(_AXE_RUN):
                self.violations.append({**v, "step": step, "url": url, "width": width})
        page.set_viewport_size({"width": VIEWPORTS[0][0], "height": VIEWPORTS[0][1]})

    def report(self) -> dict[str, Any]:
        by_impact = Counter(v["impact"] for v in self.violations)
        summary = {
            "role": self.role,
            "pages": self.pages,
            "actions": dict(self.actions),
            "violations_by_impact": dict(by_impact),
            "violations": self.violations,
            "sideways_at_390": self.sideways,
        }
        (ARTIFACTS / self.role).mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / self.role / "findings.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
        return summary

    def assert_clean(self) -> None:
        """0 serious or critical axe violations on every page, and no page wider than a phone."""
        self.report()
        for v in self.violations:
            if v["impact"] not in BLOCKING:  # printed, not failed: moderate and minor are worth reading
                print(f"axe {v['impact']}: {v['id']} on {v['step']} ({v['width']} px) {v['targets']}")
        blocking = [v for v in self.violations if v["impact"] in BLOCKING]
        lines = [
            f"{v['impact']} {v['id']} ({v['help']}) on {v['step']} {v['url']} at {v['width']} px: {v['targets']}"
            for v in blocking
        ]
        assert not blocking, f"{self.role}: axe-core found\n" + "\n".join(lines)
        assert not self.sideways, f"{self.role}: pages scroll sideways at 390 px\n" + "\n".join(self.sideways)


# ---------------------------------------------------------------------- click baselines


def record_clicks(task: str, walks: list[Walk]) -> int:
    """The actions a task took across the people who did it, saved beside the screenshots and
    checked against the baseline: the count may fall, never grow."""
    total = sum(w.count for w in walks)
    detail = {w.role: dict(w.actions) for w in walks}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    measured = ARTIFACTS / "clicks.json"
    figures = json.loads(measured.read_text()) if measured.exists() else {}
    figures[task] = {"total": total, "by_role": detail}
    measured.write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    for walk in walks:  # the pages these walks looked at (bulk confirmation, verification queue)
        walk.assert_clean()
    baseline = json.loads(CLICKS_BASELINE.read_text())[task]
    assert total <= baseline, f"{task}: {total} actions ({detail}), more than the baseline {baseline}"
    return total


# ---------------------------------------------------------------------- navigation


def reach(walk: Walk, href: str, *, menu: str | None = None) -> None:
    """Go to `href` the way a person would: a link on this page (the home queue), else through the
    menu item `menu` (its href), else by typing the address."""
    page = walk.page
    link = page.locator(f"main a[href^='{href}']")
    if link.count() == 0 and menu is not None:
        walk.click(f"nav.main a[href='{menu}']")
        link = page.locator(f"main a[href^='{href}']")
    if link.count():
        walk.click(link.first)
    else:
        walk.type_url(href)
    page.wait_for_load_state("load")


def queue_item(walk: Walk, kind: str, *, href: str | None = None, text: str | None = None) -> Any | None:
    """The home-queue item of this kind (once the queue has landed) whose link contains `href` or
    whose text contains `text`, as its link; None when the home page has no such item."""
    items = walk.page.locator(f"[data-testid=queue-item][data-kind={kind}]")
    if text is not None:
        items = items.filter(has_text=text)
    links = items.locator(f"a[href*='{href}']" if href else "a")
    return links.first if links.count() else None


def go_home(walk: Walk) -> None:
    walk.click("a.brand")


def sheet_path(org: str, year: int, months: int) -> str:
    return f"/results/{org}/{year}/{months}/"


def open_sheet(walk: Walk, org: str, year: int, months: int, *, kind: str) -> None:
    """The organisation's result sheet for a round: from the queue item, or the results menu."""
    item = queue_item(walk, kind, href=sheet_path(org, year, months))
    if item is not None:
        walk.click(item)
    else:
        reach(walk, sheet_path(org, year, months), menu="/results/")


def open_proposal(walk: Walk, org: str, year: int, *, name: str, kind: str) -> None:
    """An organisation's proposal: from the queue item naming it, else the proposals menu and its row."""
    item = queue_item(walk, kind, text=name)
    if item is not None:
        walk.click(item)
    else:
        walk.click("nav.main a[href='/proposals/']")
        row = walk.page.locator("[data-testid=proposal-row]").filter(has_text=org).filter(has_text=str(year))
        if row.count() == 0:  # not on the first page of the list: filter it as a person would
            walk.fill("input[name=organisation]", org)
            walk.click("form.filters button")
            row = walk.page.locator("[data-testid=proposal-row]").filter(has_text=org).filter(has_text=str(year))
        walk.click(row.first.locator("a"))
    walk.page.wait_for_selector("[data-testid=timeline]")


def kpi_row(walk: Walk, code: str) -> Any:
    return walk.page.locator(f"[data-testid=kpi-{code}]")


def report_result(walk: Walk, code: str, value: str, narrative: str) -> None:
    row = kpi_row(walk, code)
    walk.fill(row.locator("[data-testid=value-input]"), value)
    walk.fill(row.locator("[data-testid=narrative-input]"), narrative)
    walk.click(row.locator("[data-testid=save]"))
    walk.page.wait_for_selector(f"[data-testid=kpi-{code}] >> text=บันทึกผล {code} แล้ว")


def confirm(walk: Walk) -> None:
    """Answer a confirmation dialog when the step asks for one (the one confirm pattern)."""
    walk.page.wait_for_load_state("load")
    dialog = walk.page.locator("dialog[open]")
    if dialog.count():
        walk.look(f"confirm-{len(walk.pages)}")
        walk.click(dialog.locator("[data-testid$=-confirm]"))
        walk.page.wait_for_load_state("load")


def act(walk: Walk, target: Any) -> None:
    """An irreversible step: its button, then the confirmation when it asks for one."""
    walk.click(target)
    confirm(walk)


def confirm_bulk(walk: Walk, button: Any) -> None:
    """The sheet's whole-round button leads to a page listing what will happen; confirming there
    brings the person back to the sheet with a message."""
    walk.click(button)
    walk.look(f"bulk-confirm-{len(walk.pages)}")
    walk.click("[data-testid=bulk-confirm]")
    confirm(walk)
    walk.page.wait_for_selector("[data-testid^=kpi-]")
    walk.look(f"bulk-done-{len(walk.pages)}")


def submit_results(walk: Walk, codes: list[str]) -> None:
    """Send the reported results to the executive: the round's bulk button for several (one KPI is
    one click on its own row, as a person would do it)."""
    bulk = walk.page.locator("[data-testid=bulk-submit]")
    if bulk.count() and len(codes) > 1:
        confirm_bulk(walk, bulk)
    else:
        for code in codes:
            walk.click(kpi_row(walk, code).locator("[data-testid=submit]"))
            walk.page.wait_for_selector(f"text=ส่งผล {code} ให้ผู้บริหารรับรองแล้ว")
    for code in codes:
        assert "ส่งแล้ว" in (kpi_row(walk, code).locator("[data-testid=state]").text_content() or "")


def endorse_results(walk: Walk, codes: list[str]) -> None:
    bulk = walk.page.locator("[data-testid=bulk-endorse]")
    if bulk.count():
        confirm_bulk(walk, bulk)
    else:
        for code in codes:
            walk.click(kpi_row(walk, code).locator("[data-testid=endorse]"))
            walk.page.wait_for_selector(f"text=รับรองผล {code} แล้ว")
    for code in codes:
        assert "ผู้บริหารรับรองแล้ว" in (kpi_row(walk, code).locator("[data-testid=state]").text_content() or "")


def verify_results(walk: Walk, org: str, year: int, months: int, codes: list[str]) -> None:
    """OPDC verifies results: several at once from the verification queue when there is one,
    else one by one on the organisation's sheet."""
    item = queue_item(walk, "results_to_verify", href=f"organisation={org}&year={year}&round={months}")
    if item is not None:
        walk.click(item)
    elif walk.page.locator("a[href^='/results/verify/']").count():
        walk.click("a[href^='/results/verify/']")
    if "/results/verify/" in walk.page.url:
        walk.look("verification-queue")
        rows = walk.page.locator("[data-testid=verify-row]")
        listed = [rows.nth(i).text_content() or "" for i in range(rows.count())]
        if len(listed) == len(codes) and all(any(c in text for text in listed) for c in codes):
            walk.click("[data-testid=select-all]")  # the queue narrowed to this round lists just these
        else:
            for code in codes:
                walk.click(rows.filter(has_text=code).locator("input[name=result]"))
        walk.click("button[name=action][value=verify]")
        confirm(walk)
        walk.page.wait_for_selector("[data-testid=bulk-summary]")
        walk.page.goto(walk.base + sheet_path(org, year, months))  # the test looks; not the person's click
    else:
        open_sheet(walk, org, year, months, kind="results_to_verify")
        for code in codes:
            walk.click(kpi_row(walk, code).locator("[data-testid=verify]"))
            walk.page.wait_for_selector(f"text=บันทึกผลการตรวจสอบ {code} แล้ว")
    for code in codes:
        assert "ตรวจสอบแล้ว" in (kpi_row(walk, code).locator("[data-testid=state]").text_content() or "")
