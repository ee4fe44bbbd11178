"""The embedded CJK font: registered once, used for everything, licence shipped with it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from document_helpers import FAILED, decision, notice, pdf_fonts, qpdf_check, receipt
from reportlab.pdfbase import pdfmetrics

from desktop.documents import fonts, render_decision, render_notice, render_receipt
from desktop.documents.layout import kit_for
from desktop.models.reference import resource_dir


def test_font_and_licence_ship_in_resources() -> None:
    folder = resource_dir() / "fonts"
    assert fonts.font_path() == folder / "wqy-microhei.ttc"
    assert fonts.font_path().stat().st_size > 1_000_000
    licence = (folder / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache" in licence and "Font exception" in licence
    assert (folder / "README.md").is_file()


def test_registration_is_idempotent_and_uses_the_proportional_face() -> None:
    assert fonts.register_fonts() == fonts.FONT_NAME
    first = pdfmetrics.getFont(fonts.FONT_NAME)
    assert fonts.register_fonts() == fonts.FONT_NAME
    assert pdfmetrics.getFont(fonts.FONT_NAME) is first  # not parsed again
    assert first.face.name == b"WenQuanYiMicroHei"


def test_every_style_uses_the_embedded_font() -> None:
    for fmt in ("a4", "80mm"):
        kit = kit_for(fmt)
        for style in (kit.body, kit.small, kit.label, kit.office, kit.heading, kit.banner, kit.cell, kit.prose):
            assert style.fontName == fonts.FONT_NAME
            assert style.wordWrap == "CJK"


def test_unsupported_characters_names_what_would_print_as_a_box() -> None:
    assert fonts.unsupported_characters("张晓梅 ABC 123，（）") == []
    # U+2A6A5 (Extension B) is outside the font.
    assert fonts.unsupported_characters("王\U0002a6a5\U0002a6a5") == ["\U0002a6a5"]


@pytest.mark.parametrize(
    "render",
    [
        lambda out: render_receipt(receipt(), out),
        lambda out: render_receipt(receipt(provisional=True, reprint_count=1), out, format="80mm"),
        lambda out: render_notice(notice(), out),
        lambda out: render_decision(decision(), out),
        lambda out: render_decision(decision(approved=False, amount_yuan=0, failed_checks=FAILED), out),
    ],
    ids=["receipt-a4", "receipt-80mm", "notice", "decision-approved", "decision-rejected"],
)
def test_every_font_is_embedded_and_no_standard_font_is_left(tmp_path: Path, render) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.pdf"
    render(path)
    qpdf_check(path)
    rows = pdf_fonts(path)
    assert rows, "no fonts listed"
    for row in rows:
        assert row.embedded, f"{row.name} ({row.type}) is not embedded"
        assert row.type != "Type 1", f"standard Type 1 font {row.name} present"
        assert "WenQuanYiMicroHei" in row.name
    assert not any("Helvetica" in row.name or "STSong" in row.name for row in rows)


def test_fonts_are_subset_not_embedded_whole(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    render_receipt(receipt(), buffer)
    # The whole face is ~5 MB; a subset receipt stays small.
    assert len(buffer.getvalue()) < 250_000
