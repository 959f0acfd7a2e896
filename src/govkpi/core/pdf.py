"""Render a Django template to an A4 PDF with WeasyPrint and the Sarabun font.

Thai is written without spaces between words, and neither `word-break` nor `hyphens` segments
it, so a long Thai line would only break where a space happens to be (or mid-word). Before
rendering, every run of Thai letters in the HTML's text is segmented into words with PyThaiNLP
and a zero-width space is put between the words: the PDF then breaks lines between words, and
text extracted from it reads the same once zero-width spaces are dropped.

    from govkpi.core.pdf import render_pdf
    data = render_pdf("reports/pdf/summary.html", {"summary": summary}, title="สรุป...")

Templates extend "core/pdf/base.html" (lang="th", A4, page numbers in the footer).
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

ZWSP = "\u200b"
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
# Text between tags (never inside a tag, so attributes stay untouched); script/style are skipped.
_TEXT = re.compile(r">([^<]+)<")
_RAW_BLOCK = re.compile(r"(<(script|style)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)

PDF_CONTENT_TYPE = "application/pdf"


@functools.lru_cache(maxsize=1)
def _tokenize() -> Any:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


#: Words of the domain the segmenter may cut where no reader would: "ตามมาตรการปรับปรุง" comes
#: out "ตาม|มาตร|การปรับปรุง", which broke the meeting pack's title "มาตร / การ". Never inside these.
UNBROKEN = ("มาตรการ", "ตัวชี้วัด", "ส่วนราชการ", "ประสิทธิภาพ")
_UNBROKEN = [(re.compile(f"{ZWSP}?".join(map(re.escape, word))), word) for word in UNBROKEN]


@functools.lru_cache(maxsize=4096)
def _segment_thai(run: str) -> str:
    words = [w for w in _tokenize()(run, keep_whitespace=False) if w]
    joined = ZWSP.join(words)
    for pattern, word in _UNBROKEN:
        joined = _keep_whole(pattern, word, joined)
    return joined


def _keep_whole(pattern: re.Pattern[str], word: str, text: str) -> str:
    """The word whole, and a break after it when the segmenter had glued the next word to it."""

    def whole(m: re.Match[str]) -> str:
        glued = text[m.end() : m.end() + 1] not in ("", ZWSP)
        return word + (ZWSP if glued else "")

    return pattern.sub(whole, text)


# SARA AM (ำ) is drawn as two glyphs, NIKHAHIT + SARA AA, the nikhahit moved before any tone mark
# (what HarfBuzz does). A PDF maps each glyph to one text, so the shared sara-aa glyph cannot also
# stand for sara am and the text copied out of the PDF would lose it: write the two characters
# ourselves, in the order HarfBuzz draws them, and `recompose_thai` turns them back.
_SARA_AM = re.compile("([\u0e48-\u0e4b]*)\u0e33")
_SARA_AM_DRAWN = re.compile("\u0e4d([\u0e48-\u0e4b]*)\u0e32")


def decompose_sara_am(text: str) -> str:
    return _SARA_AM.sub("\u0e4d\\1\u0e32", text)


def recompose_thai(text: str) -> str:
    """Text extracted from our PDFs back to ordinary Thai (sara am as one character)."""
    return _SARA_AM_DRAWN.sub("\\1\u0e33", text)


def thai_breaks(text: str) -> str:
    """Plain text with a zero-width space between Thai words (other text unchanged)."""
    return _THAI_RUN.sub(lambda m: decompose_sara_am(_segment_thai(m.group(0))), text)


def html_thai_breaks(html: str) -> str:
    """The same for HTML: only text between tags, never tags, scripts or styles."""
    parts = _RAW_BLOCK.split(html)
    out: list[str] = []
    # re.split with two groups yields: text, whole block, tag name, text, ...
    i = 0
    while i < len(parts):
        chunk = parts[i]
        out.append(_TEXT.sub(lambda m: ">" + thai_breaks(m.group(1)) + "<", chunk))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 3
    return "".join(out)


def strip_breaks(text: str) -> str:
    """Text as a reader compares it: without zero-width spaces and without any whitespace."""
    return re.sub(r"\s+", "", recompose_thai(text).replace(ZWSP, ""))


def font_dir() -> str:
    import fontpkg_sarabun

    return str(fontpkg_sarabun.ROOT / "files")


@functools.lru_cache(maxsize=2)
def _font_css(thai_digits: bool) -> str:
    root = font_dir()
    faces = []
    for weight, style, name in (
        (400, "normal", "Sarabun-Regular"),
        (700, "normal", "Sarabun-Bold"),
        (400, "italic", "Sarabun-Italic"),
        (700, "italic", "Sarabun-BoldItalic"),
    ):
        faces.append(
            f'@font-face {{ font-family: "Sarabun"; src: url("file://{root}/{name}.ttf"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    counter = "counter(page, thai)" if thai_digits else "counter(page)"
    total = "counter(pages, thai)" if thai_digits else "counter(pages)"
    return "\n".join(faces) + (
        "\n@page { size: A4; margin: 2cm 1.8cm 2cm 2.2cm;"
        f' @bottom-center {{ content: "หน้า " {counter} " / " {total}; font-family: "Sarabun"; font-size: 9pt; color: #555; }} }}'
        '\nhtml { font-family: "Sarabun", sans-serif; font-size: 11pt; line-height: 1.5; }'
    )


def html_to_pdf(html: str, *, base_url: str | None = None, thai_digits: bool = False) -> bytes:
    with warnings.catch_warnings():
        # Without the HarfBuzz-Subset library WeasyPrint subsets fonts with fontTools: same result.
        warnings.filterwarnings("ignore", message=".*HarfBuzz-Subset.*")
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(string=_font_css(thai_digits), font_config=fonts)
    document = HTML(string=html_thai_breaks(html), base_url=base_url)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*HarfBuzz-Subset.*")
        return bytes(document.write_pdf(stylesheets=[css], font_config=fonts))


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    title: str = "",
    thai_digits: bool = False,
    base_url: str | None = None,
) -> bytes:
    """Render a Django template (extending core/pdf/base.html) to PDF bytes."""
    html = render_to_string(template_name, {"pdf_title": title, **context})
    return html_to_pdf(html, base_url=base_url, thai_digits=thai_digits)
