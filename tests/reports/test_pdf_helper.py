"""PDFs in Sarabun whose Thai text comes back out as it went in, broken between words."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from govkpi.core.pdf import ZWSP, html_thai_breaks, render_pdf, strip_breaks, thai_breaks

TEXT = (
    "ตัวชี้วัดการประเมินผล ปี 2565 ส่วนใหญ่เป็นตัวชี้วัดที่ส่วนราชการได้คัดเลือกจากรายการตัวชี้วัดฯ "
    "(KPI Basket) ของสำนักงาน ก.พ.ร. จำนวน 212 ตัวชี้วัด คิดเป็น ร้อยละ 91.38 ซึ่งมีความเชื่อมโยงกับแผน"
    "และนโยบายระดับชาติ น้ำท่วม ค่ำคืน ผู้ใหญ่ที่นั่น"
)


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_thai_words_are_separated_by_zero_width_spaces_and_nothing_else_changes() -> None:
    broken = thai_breaks("ส่วนราชการได้คัดเลือก KPI")
    assert ZWSP in broken
    assert broken.replace(ZWSP, "") == "ส่วนราชการได้คัดเลือก KPI"
    html = html_thai_breaks('<p title="ได้คัดเลือก">ได้คัดเลือก</p><style>p::after{content:"ได้คัดเลือก"}</style>')
    assert html.startswith('<p title="ได้คัดเลือก">ได้\u200bคัดเลือก</p>')
    assert html.endswith('<style>p::after{content:"ได้คัดเลือก"}</style>')


def test_the_thai_text_of_a_rendered_pdf_reads_back_the_same(tmp_path: Path) -> None:
    data = render_pdf(
        "core/pdf/table.html",
        {
            "title": "สรุปผลการพิจารณาตัวชี้วัด",
            "paragraphs": [TEXT],
            "columns": ["ส่วนราชการ", "จำนวน"],
            "rows": [["กรมการพัฒนาชุมชน", "5"]],
        },
        title="สรุป",
        thai_digits=True,
    )
    assert data.startswith(b"%PDF")
    path = tmp_path / "summary.pdf"
    path.write_bytes(data)
    text = strip_breaks(pdftotext(path))
    assert strip_breaks("สรุปผลการพิจารณาตัวชี้วัด") in text
    assert strip_breaks(TEXT) in text
    assert "กรมการพัฒนาชุมชน5" in text
    assert "หน้า๑/๑" in text  # page numbers in Thai digits
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts


def test_page_one_renders_to_a_non_blank_png(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(render_pdf("core/pdf/table.html", {"title": "หน้าแรก", "paragraphs": [TEXT]}))
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    png = next(tmp_path.glob("page-*1.png"))
    with Image.open(png) as image:
        lo, hi = image.convert("L").getextrema()
    assert lo < 100 and hi > 200  # dark text on a light page


@pytest.fixture(autouse=True)
def _poppler() -> None:
    import shutil

    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftotext, pdftoppm) is required: apt-get install poppler-utils")
