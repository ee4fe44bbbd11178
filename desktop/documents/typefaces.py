"""The typefaces Zhanchi Counter ships, and in which order they stand in for one another.

Pure data (no reportlab, no Qt): the window reads it at start, the documents at the first print.
``resources/fonts/README.md`` says where each file comes from, under which licence and how it
was made (``scripts/build_fonts.py``).

A document sets its text in one face (``SANS`` for receipts, lists and reports, ``SERIF`` for
decisions, notices and publicity lists, ``SERIF_BOLD`` for their titles); a character that face
lacks is taken from the next face of its ``chain`` that has it.  The extension faces hold the
ideographs of names that the common faces lack: CJK Extension A and the unified ideographs
outside GBK (HanaMinA), Extensions B–F (HanaMinB), Extensions G and H as far as BabelStone Han
draws them.  What no face has stops the print (``fonts.UnprintableCharacter``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Face:
    name: str  # as registered with reportlab (and used in Paragraph markup)
    file: str  # under resources/fonts/
    family: str  # the family name inside the file (what Qt lists)
    licence: str  # the licence file beside it
    subfont_index: int = 0  # the face of a collection (.ttc)


SANS = "WQYMicroHei"
SERIF = "ZhanchiSerif"
SERIF_BOLD = "ZhanchiSerifBold"
EXT_A = "HanaMinAExt"
EXT_B = "HanaMinB"
EXT_GH = "BabelStoneHanExt"

FACES: dict[str, Face] = {
    face.name: face
    for face in (
        # Face 0 of the collection is the proportional face; face 1 is the monospaced one.
        Face(SANS, "wqy-microhei.ttc", "WenQuanYi Micro Hei", "LICENSE-wqy-microhei.txt"),
        Face(SERIF, "zhanchi-serif-sc-regular.ttf", "Zhanchi Serif SC", "LICENSE-noto-cjk.txt"),
        Face(SERIF_BOLD, "zhanchi-serif-sc-bold.ttf", "Zhanchi Serif SC", "LICENSE-noto-cjk.txt"),
        Face(EXT_A, "hanamin-a-ext.ttf", "HanaMinA Ext", "LICENSE-hanazono.txt"),
        Face(EXT_B, "HanaMinB.ttf", "HanaMinB", "LICENSE-hanazono.txt"),
        Face(EXT_GH, "babelstone-han-ext.ttf", "BabelStone Han Ext", "LICENSE-babelstone-han.txt"),
    )
}

# After a document's own face: the Song-style (Mincho) extension faces, then the sans face for a
# symbol the serif subsets lack.
EXTENSIONS = (EXT_A, EXT_B, EXT_GH)
CHAINS: dict[str, tuple[str, ...]] = {
    SANS: (SANS, *EXTENSIONS),
    SERIF: (SERIF, *EXTENSIONS, SANS),
    # The bold subset holds GB 2312: a rarer character of a title is the regular face's.
    SERIF_BOLD: (SERIF_BOLD, SERIF, *EXTENSIONS, SANS),
}

# What the window loads (QFontDatabase): its own face, then the extension faces as fallbacks.
WINDOW_FACES = (SANS, *EXTENSIONS)


def chain(primary: str) -> tuple[str, ...]:
    """The faces that set text whose own face is ``primary``, in order of preference."""
    if primary in CHAINS:
        return CHAINS[primary]
    if primary in FACES:  # markup that names an extension face itself
        return (primary, *(name for name in (*EXTENSIONS, SANS) if name != primary))
    raise ValueError(f"unknown typeface {primary!r}; expected one of {sorted(FACES)}")
