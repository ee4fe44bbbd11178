"""The embedded fonts (issue 17.1, 17.7): every name prints, in every document, or the print stops.

WenQuanYi Micro Hei lacks the CJK extension blocks: 刘䶮𬘡 printed and extracted as "刘".  The extension
faces (HanaMinA/B, BabelStone Han) stand in per character; a character no shipped face has stops the
print with its code point named.  Decisions, notices and publicity lists are set in a Song face.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from document_helpers import FAILED, decision, flat, notice, pdf_fonts, pdf_text, pdf_words, qpdf_check, receipt, run
from reportlab.pdfbase import pdfmetrics

from desktop.documents import fonts, render_decision, render_notice, render_receipt
from desktop.documents.layout import SIZE_2, kit_for
from desktop.documents.publicity import PublicityListData, PublicityRow, render_publicity_list
from desktop.documents.typefaces import EXT_A, EXT_B, EXT_GH, FACES, SANS, SERIF, SERIF_BOLD, WINDOW_FACES
from desktop.models.errors import ZhanchiError
from desktop.models.reference import resource_dir

# Names with a character of each extension block (and the issue's own 刘䶮𬘡: Extensions A and E).
NAMES = {
    "刘䶮𬘡": (EXT_A, EXT_B),
    "吉𠮷": (EXT_B,),  # Extension B
    "郑𫖮": (EXT_B,),  # Extension C
    "王𫝀": (EXT_B,),  # Extension D
    "黄𬌗": (EXT_B,),  # Extension E
    "李𬺰": (EXT_B,),  # Extension F
    "陈𰀀": (EXT_GH,),  # Extension G
    "周𱍐": (EXT_GH,),  # Extension H
}
ALL_NAMES = "".join(NAMES)
NO_FONT = "\U0002ebf0"  # Extension I: no redistributable font in Debian has it yet


def test_fonts_and_licences_ship_in_resources() -> None:
    folder = resource_dir() / "fonts"
    for face in FACES.values():
        assert fonts.font_path(face.name) == folder / face.file
        assert (folder / face.file).stat().st_size > 1_000_000, face.file
        assert (folder / face.licence).is_file(), face.licence
    assert "Font exception" in (folder / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in (folder / "LICENSE-noto-cjk.txt").read_text(encoding="utf-8")
    assert "Hanazono Font License" in (folder / "LICENSE-hanazono.txt").read_text(encoding="utf-8")
    assert "ARPHIC PUBLIC LICENSE" in (folder / "ARPHICPL.TXT").read_text(encoding="latin-1")
    assert (folder / "README.md").is_file()


def test_registration_is_idempotent_and_uses_the_proportional_face() -> None:
    assert fonts.register_fonts() == fonts.FONT_NAME == SANS
    first = pdfmetrics.getFont(fonts.FONT_NAME)
    assert fonts.register_fonts() == fonts.FONT_NAME
    assert pdfmetrics.getFont(fonts.FONT_NAME) is first  # not parsed again
    assert first.face.name == b"WenQuanYiMicroHei"
    assert fonts.register_face(EXT_B) is fonts.register_face(EXT_B)


def test_every_style_uses_an_embedded_face_and_the_formal_documents_a_song_face() -> None:
    for fmt in ("a4", "80mm"):
        kit = kit_for(fmt)
        for style in (kit.body, kit.small, kit.label, kit.office, kit.heading, kit.banner, kit.cell, kit.prose):
            assert style.fontName == SANS
            assert style.wordWrap == "CJK"
    formal = kit_for("a4", formal=True)
    assert formal.font == SERIF and formal.title_font == SERIF_BOLD and formal.title_size == SIZE_2 == 22
    assert formal.body.fontName == formal.prose.fontName == formal.cell.fontName == SERIF
    assert formal.office.fontName == SERIF_BOLD and formal.office.fontSize == 16  # 三号
    assert formal.prose.fontSize == 14 and formal.heading.fontName == SANS  # 四号 text, 黑体-style headings
    # Hairline serifs do not survive a thermal head: the formal roll keeps the sans face.
    assert kit_for("80mm", formal=True).body.fontName == SANS


def test_every_character_of_the_extension_blocks_has_a_face() -> None:
    assert fonts.unsupported_characters("张晓梅 ABC 123，（）" + ALL_NAMES) == []
    assert fonts.unsupported_characters(ALL_NAMES, SERIF) == []
    assert fonts.unsupported_characters("王" + NO_FONT + NO_FONT + "\ue000") == [NO_FONT, "\ue000"]
    for name, faces in NAMES.items():
        assert {face for face, _run in fonts.runs(name)} - {SANS} == set(faces), name
    # A variation selector (a name typed as an ideographic variation sequence) prints its base character.
    assert fonts.runs("葛\U000e0100") == [(SANS, "葛")]


def test_a_character_no_font_has_stops_the_print_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "receipt.pdf"
    with pytest.raises(fonts.UnprintableCharacter) as caught:
        render_receipt(receipt(applicant_name="王" + NO_FONT), path)
    assert isinstance(caught.value, ZhanchiError)  # shown to the clerk as a message, not a crash
    assert "U+2EBF0" in str(caught.value) and NO_FONT in str(caught.value)
    assert caught.value.characters == [NO_FONT]
    assert not path.exists(), "nothing half-printed"


def _publicity(name: str, out: Path) -> None:
    import datetime as dt

    from document_helpers import office

    render_publicity_list(PublicityListData(office(), "440106-AB12-GS20251230-01", dt.date(2025, 9, 30),
                                            dt.date(2025, 10, 14), 5, False,
                                            [PublicityRow(name, "广州市某机械有限公司", "车工", 4, 1500)],
                                            objection_phone="020-38881234",
                                            objection_address="广州市天河区天河北路123号一楼"), out)


DOCUMENTS = {
    "receipt-a4": lambda name, out: render_receipt(receipt(applicant_name=name), out),
    "receipt-80mm": lambda name, out: render_receipt(receipt(applicant_name=name), out, format="80mm"),
    "notice": lambda name, out: render_notice(notice(applicant_name=name), out),
    "decision": lambda name, out: render_decision(decision(applicant_name=name), out),
}


@pytest.mark.parametrize("document", list(DOCUMENTS))
@pytest.mark.parametrize("name", list(NAMES))
def test_names_from_the_extension_blocks_print_and_extract_whole(tmp_path: Path, document: str, name: str) -> None:
    path = tmp_path / "doc.pdf"
    DOCUMENTS[document](name, path)
    qpdf_check(path)
    assert name in flat(pdf_text(path)), "copied, searched and read aloud as typed"
    embedded = " ".join(row.name for row in pdf_fonts(path))
    for face in NAMES[name]:
        assert face.replace("Ext", "") in embedded.replace("Ext-Regular", "").replace("-Regular", "")


def test_the_publicity_list_masks_a_rare_name_and_keeps_its_last_character(tmp_path: Path) -> None:
    path = tmp_path / "list.pdf"
    _publicity("刘䶮𬘡", path)
    text = flat(pdf_text(path))
    assert "刘*𬘡" in text and "䶮" not in text


def _ink(path: Path, word: str, dpi: int = 200) -> list[int]:
    """Dark pixels under each character of ``word`` (full-width characters) in the rendered page."""
    box = next(w for page in pdf_words(path) for w in page.words if w[4] == word)
    scale = dpi / 72
    x, y = int(box[0] * scale), int(box[1] * scale)
    width, height = int((box[2] - box[0]) * scale), int((box[3] - box[1]) * scale)
    prefix = path.with_suffix("")
    result = run("pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", "-x", str(x), "-y", str(y),
                 "-W", str(width), "-H", str(height), "-singlefile", str(path), str(prefix))
    assert result.returncode == 0, result.stderr
    data = prefix.with_suffix(".pgm").read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    w, h = int(fields[1]), int(fields[2])
    pixels = fields[4][: w * h]
    cells = [0] * len(word)
    for row in range(h):
        for col in range(w):
            if pixels[row * w + col] < 128:
                cells[min(col * len(word) // w, len(word) - 1)] += 1
    return cells


@pytest.mark.parametrize("document", ["receipt-a4", "receipt-80mm", "decision"])
def test_the_rendered_page_shows_every_character_of_the_name(tmp_path: Path, document: str) -> None:
    """What the applicant sees: each character of the name is drawn (ink in its place), the rare
    ones as much as the common one."""
    for name in ("刘䶮𬘡", "陈𰀀", "李𬺰"):
        path = tmp_path / f"{document}.pdf"
        DOCUMENTS[document](name, path)
        ink = _ink(path, name)
        assert min(ink) > 0.1 * max(ink), f"{name}: ink per character {ink}"  # a missing glyph: none


@pytest.mark.parametrize(
    "render",
    [
        lambda out: render_receipt(receipt(), out),
        lambda out: render_receipt(receipt(provisional=True, reprint_count=1), out, format="80mm"),
        lambda out: render_notice(notice(), out),
        lambda out: render_decision(decision(), out),
        lambda out: render_decision(decision(approved=False, amount_yuan=0, failed_checks=FAILED), out),
        lambda out: render_decision(decision(applicant_name="刘䶮𬘡"), out),
    ],
    ids=["receipt-a4", "receipt-80mm", "notice", "decision-approved", "decision-rejected", "rare-name"],
)
def test_every_font_is_embedded_and_no_standard_font_is_left(tmp_path: Path, render) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.pdf"
    render(path)
    qpdf_check(path)
    rows = pdf_fonts(path)
    assert rows, "no fonts listed"
    ours = ("WenQuanYiMicroHei", "ZhanchiSerifSC", "HanaMinAExt", "HanaMinB", "BabelStoneHanExt")
    for row in rows:
        assert row.embedded, f"{row.name} ({row.type}) is not embedded"
        assert row.type != "Type 1", f"standard Type 1 font {row.name} present"
        assert any(face in row.name for face in ours), row.name
    assert not any("Helvetica" in row.name or "STSong" in row.name for row in rows)


def test_formal_documents_are_set_in_the_song_face_with_a_bold_title(tmp_path: Path) -> None:
    for render in (lambda out: render_decision(decision(), out), lambda out: render_notice(notice(), out),
                   lambda out: _publicity("张晓梅", out)):
        path = tmp_path / "doc.pdf"
        render(path)
        names = {row.name.split("+")[-1] for row in pdf_fonts(path)}
        assert {"ZhanchiSerifSC-Regular", "ZhanchiSerifSC-Bold"} <= names, names
    path = tmp_path / "receipt.pdf"
    render_receipt(receipt(), path)
    assert all("WenQuanYi" in row.name for row in pdf_fonts(path)), "receipts stay in the sans face"


def test_fonts_are_subset_not_embedded_whole() -> None:
    buffer = io.BytesIO()
    render_receipt(receipt(applicant_name="刘䶮𬘡"), buffer)
    # The faces are 5 to 31 MB; a subset receipt stays small.
    assert len(buffer.getvalue()) < 250_000


def test_the_window_loads_the_sans_face_and_the_extension_faces() -> None:
    assert WINDOW_FACES == (SANS, EXT_A, EXT_B, EXT_GH)
