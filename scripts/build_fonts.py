"""Make the committed print fonts under ``resources/fonts/`` from Debian's font packages.

    pip install fonttools                    # not a dependency of the application: only of this script
    python scripts/build_fonts.py            # apt-get download the packages into a temporary folder
    python scripts/build_fonts.py --debs DIR # ... or use the .deb files already in DIR

The application never runs this: its output is committed (resources/fonts/README.md says what
each file is, where it comes from and under which licence).  It is here so anyone can remake
the files and check that they are what this script says.

- ``zhanchi-serif-sc-regular.ttf`` / ``zhanchi-serif-sc-bold.ttf``: the formal documents' Song
  face (decisions, notices, publicity lists) and their bold title face, from Noto Serif CJK SC
  (``fonts-noto-cjk``, SIL OFL 1.1).  reportlab reads TrueType outlines only, so the CFF outlines
  are converted (cubic to quadratic, 1 unit tolerance) after subsetting: the regular face to the
  GBK repertoire and the symbols below, the bold face to GB 2312 and the symbols.  Renamed
  "Zhanchi Serif SC" (the OFL lets a modified font keep no reserved name; Noto has none, but a
  subset should not pass for the original).
- ``hanamin-a-ext.ttf``: HanaMinA (``fonts-hanazono``, Hanazono Font Licence or OFL) cut to
  CJK Extension A, the compatibility ideographs, radicals and strokes and the unified
  ideographs outside GBK: the ideographs the main fonts lack that names use.
- ``HanaMinB.ttf``: copied unchanged (CJK Extensions B–F).
- ``babelstone-han-ext.ttf``: BabelStone Han (``fonts-babelstone-han``, Arphic Public Licence)
  cut to the ideographs none of the fonts above has (Extensions G and H, and a few of B–F).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "resources" / "fonts"
PACKAGES = ("fonts-noto-cjk", "fonts-hanazono", "fonts-babelstone-han", "fonts-wqy-microhei", "fonts-arphic-uming")

NOTO = "usr/share/fonts/opentype/noto/NotoSerifCJK-{weight}.ttc"
NOTO_SC = 2  # faces of the collection: JP, KR, SC, TC, HK
HANAMIN_A = "usr/share/fonts/truetype/hanazono/HanaMinA.ttf"
HANAMIN_B = "usr/share/fonts/truetype/hanazono/HanaMinB.ttf"
BABELSTONE = "usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf"
WQY = "usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

# Every CJK ideograph block (Unicode 15.1).
IDEOGRAPHS = [
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0x2CEB0, 0x2EBEF), (0x2EBF0, 0x2EE5F), (0x2F800, 0x2FA1F),
    (0x30000, 0x3134F), (0x31350, 0x323AF),
]
RADICALS_AND_STROKES = [(0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x31C0, 0x31EF)]
# Symbols official documents and data may hold besides what GB 2312 / GBK list.
SYMBOLS = [
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x2010, 0x205F), (0x2100, 0x218F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x2600, 0x26FF),
    (0x3000, 0x303F), (0x3200, 0x32FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
]


def _ranges(ranges: list[tuple[int, int]]) -> set[int]:
    return {c for lo, hi in ranges for c in range(lo, hi + 1)}


def _charset(codec: str, lead: range, trail: range) -> set[int]:
    chars = set()
    for hi in lead:
        for lo in trail:
            try:
                text = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            chars.add(ord(text))
    return chars


GB2312 = _charset("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
GBK = _charset("gbk", range(0x81, 0xFF), range(0x40, 0xFF))


def _download(folder: Path) -> None:
    subprocess.run(["apt-get", "download", *PACKAGES], cwd=folder, check=True)


def _extract(debs: Path, into: Path) -> None:
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(into)], check=True)


def _to_truetype(font):  # type: ignore[no-untyped-def]
    """Replace CFF outlines by quadratic TrueType ones (what fontTools' otf2ttf snippet does)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font, family: str, note: str) -> None:  # type: ignore[no-untyped-def]
    """A subset gets a name of its own, with how and when it was made (APL §2a asks for it)."""
    style = font["name"].getDebugName(2) or "Regular"
    postscript = family.replace(" ", "") + "-" + style.replace(" ", "")
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (16, 17, 21, 22):
            table.removeNames(nameID=record.nameID)
    stamp = dt.date.today().isoformat()
    for name_id, value in ((1, family), (3, f"{postscript};{stamp}"), (4, f"{family} {style}".replace(" Regular", "")),
                           (6, postscript)):
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)
    description = f"{note} Made by scripts/build_fonts.py of Zhanchi Counter on {stamp}."
    table.setName(description, 10, 3, 1, 0x409)
    table.setName(description, 10, 1, 0, 0)


def _subset(path: Path, keep: set[int], out: Path, *, font_number: int = 0, truetype: bool = False,
            family: str = "", note: str = "") -> set[int]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=font_number)
    cmap = set(font.getBestCmap())
    wanted = keep & cmap
    options = subset.Options()
    options.layout_features = ["vert", "vrt2"]  # no OpenType shaping in reportlab; vertical forms cost little
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # print only; CJK hinting is large and the PDF subset drops it anyway
    options.drop_tables += ["VORG", "BASE", "DSIG", "meta", "FFTM", "prop"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    if truetype:
        _to_truetype(font)
    if family:
        _rename(font, family, note)
    font.save(str(out))
    return wanted


def _cmap(path: Path, font_number: int = 0) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(str(path), fontNumber=font_number, lazy=True).getBestCmap())


def build(root: Path) -> None:
    FONTS.mkdir(parents=True, exist_ok=True)
    symbols = _ranges(SYMBOLS)
    serif = _subset(root / NOTO.format(weight="Regular"), GBK | symbols, FONTS / "zhanchi-serif-sc-regular.ttf",
                    font_number=NOTO_SC, truetype=True, family="Zhanchi Serif SC",
                    note="A subset (GBK and symbols) of Noto Serif CJK SC Regular 2.001 with TrueType outlines.")
    _subset(root / NOTO.format(weight="Bold"), GB2312 | symbols, FONTS / "zhanchi-serif-sc-bold.ttf",
            font_number=NOTO_SC, truetype=True, family="Zhanchi Serif SC",
            note="A subset (GB 2312 and symbols) of Noto Serif CJK SC Bold 2.001 with TrueType outlines.")
    hanamin_b = _cmap(root / HANAMIN_B)
    ideographs = _ranges(IDEOGRAPHS)
    ext_a = ((ideographs - GBK - hanamin_b) | _ranges(RADICALS_AND_STROKES))
    covered_a = _subset(root / HANAMIN_A, ext_a, FONTS / "hanamin-a-ext.ttf", family="HanaMinA Ext",
                        note="A subset of HanaMinA 2017-09-04 (GlyphWiki): the ideographs outside GBK and HanaMinB.")
    shutil.copyfile(root / HANAMIN_B, FONTS / "HanaMinB.ttf")
    wqy = _cmap(root / WQY)
    rest = ideographs - wqy - serif - covered_a - hanamin_b
    _subset(root / BABELSTONE, rest, FONTS / "babelstone-han-ext.ttf", family="BabelStone Han Ext",
            note="A subset of BabelStone Han 15.0.5 (Andrew West): the ideographs no other font here has.")
    _licences(root)
    for path in sorted(FONTS.glob("*.tt[fc]")):
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {len(_cmap(path))} characters")


def _licences(root: Path) -> None:
    doc = root / "usr/share/doc"
    shutil.copyfile(doc / "fonts-noto-cjk/copyright", FONTS / "LICENSE-noto-cjk.txt")
    shutil.copyfile(doc / "fonts-hanazono/copyright", FONTS / "LICENSE-hanazono.txt")
    shutil.copyfile(doc / "fonts-babelstone-han/copyright", FONTS / "LICENSE-babelstone-han.txt")
    # The licence file APL §1 asks to keep with the font, verbatim (BabelStone's package has none of its own).
    arphic = doc / "fonts-arphic-uming/license/english/ARPHICPL.TXT.gz"
    (FONTS / "ARPHICPL.TXT").write_bytes(gzip.decompress(arphic.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--debs", type=Path, help="a folder with the .deb files (default: apt-get download them)")
    args = parser.parse_args(argv)
    try:
        import fontTools  # noqa: F401
    except ImportError:
        print("build_fonts.py: fontTools is not installed here: pip install fonttools", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        debs = args.debs
        if debs is None:
            debs = Path(temp) / "debs"
            debs.mkdir()
            _download(debs)
        root = Path(temp) / "root"
        _extract(debs, root)
        build(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
