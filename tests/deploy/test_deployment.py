"""The production stack as an operator starts it (`make serve`: PostgreSQL, migrate, collectstatic,
gunicorn, the task worker, JSON logs), driven by a real browser: log in, report a result with
evidence, and every page styled with no console error and no failed request.

Run on its own with `make serve-check` (CI does); it needs PostgreSQL and chromium and takes a few
minutes, so the ordinary suite skips it unless GOVKPI_DEPLOYMENT_TEST=1.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PG = os.environ.get("DEPLOY_PG", "postgres://postgres@127.0.0.1:5432")
PASSWORD = "govkpi-demo"
SHEET = "/results/P24/2565/12/"  # Chachoengsao's FY2565 12-month round, as tests/browser
KPI = "[data-testid=kpi-P24-65-02]"

pytestmark = [
    pytest.mark.deployment,
    pytest.mark.browser,
    pytest.mark.skipif(not os.environ.get("GOVKPI_DEPLOYMENT_TEST"), reason="run with make serve-check"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    name = f"govkpi_deploy_{uuid.uuid4().hex[:8]}"
    var = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTEST_VERSION", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "SECRET_KEY"}
    }
    env.update(
        {"SERVE_DB": f"{PG}/{name}", "SERVE_PORT": str(port), "SERVE_VAR": str(var), "WORKERS": "2", "SERVE_DEMO": "1"}
    )
    log = var / "stdout.log"
    started = time.monotonic()
    proc = subprocess.Popen(
        ["bash", "deploy/serve.sh"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if proc.poll() is not None:
                pytest.fail(f"make serve exited:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail(f"the stack did not answer in 10 minutes:\n{log.read_text()[-3000:]}")
        yield {"url": url, "log": log, "startup_seconds": time.monotonic() - started}
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)  # serve.sh and everything it started
            proc.wait(timeout=60)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def minimal_pdf() -> bytes:
    body = b"BT /F1 18 Tf 72 720 Td (Tourism income) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


class Watch:
    """Everything that went wrong in a browser page: console errors, page errors, failed requests."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}"))


def login(browser: Any, url: str, username: str) -> tuple[Any, Watch]:
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    watch = Watch(page)
    page.goto(url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")
    return page, watch


def assert_styled(page: Any) -> None:
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Sarabun" in font, font
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert sheets and all("/static/" in s for s in sheets)
    assert any(part.count(".") >= 2 for s in sheets for part in [s.rsplit("/", 1)[-1]]), sheets  # hashed names


def test_the_production_stack_serves_a_coordinator_reporting_a_result_with_evidence(
    stack: dict[str, Any], browser: Any, tmp_path: Path
) -> None:
    url = stack["url"]
    admin, admin_watch = login(browser, url, "opdc.admin")
    assert_styled(admin)
    admin.goto(url + SHEET)
    admin.click("text=สำหรับสำนักงาน ก.พ.ร.")
    admin.fill("input[name=new_deadline]", "2099-12-31")
    admin.fill("input[name=reason]", "ทดสอบการติดตั้งระบบ")
    admin.click("[data-testid=extend]")
    admin.wait_for_selector("text=ขยายเวลารายงานผลแล้ว")

    coord, coord_watch = login(browser, url, "ccs.coord")
    coord.goto(url + SHEET)
    assert_styled(coord)
    row = coord.locator(KPI)
    row.locator("[data-testid=value-input]").fill("35")
    row.locator("[data-testid=narrative-input]").fill("รายได้จากการท่องเที่ยวเพิ่มขึ้นร้อยละ 35")
    row.locator("[data-testid=save]").click()
    coord.wait_for_selector(f"{KPI} >> text=บันทึกผล P24-65-02 แล้ว")
    pdf = tmp_path / "หลักฐาน.pdf"
    pdf.write_bytes(minimal_pdf())
    coord.locator(KPI).locator("[data-testid=file-input]").set_input_files(str(pdf))
    coord.locator(KPI).locator("[data-testid=upload]").click()
    coord.wait_for_selector("text=แนบไฟล์ หลักฐาน.pdf แล้ว")
    coord.goto(url + "/")
    assert_styled(coord)

    assert admin_watch.problems == [] and coord_watch.problems == []
    lines = [line for line in stack["log"].read_text().splitlines() if line.startswith("{")]
    records = [json.loads(line) for line in lines]
    assert any(r.get("logger") == "gunicorn.access" for r in records)
    print(f"\nproduction stack: first answer {stack['startup_seconds']:.0f} s after start")


def test_the_stack_answers_health_and_guards_metrics(stack: dict[str, Any]) -> None:
    with urllib.request.urlopen(stack["url"] + "/healthz", timeout=10) as answer:
        assert json.loads(answer.read())["status"] == "ok"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(stack["url"] + "/metrics", timeout=10)
    assert refused.value.code == 403
