"""The window shows a name as the documents print it (issue 17.1): the same fonts, with the extension
faces as fallbacks, so 刘䶮𬘡 is not shown as 刘 and two boxes.

Run in a fresh interpreter: the application font set here would otherwise stay on the test session's
QApplication for every later test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QApplication, QLabel
from desktop.app import setup_application

app = QApplication(sys.argv[:1])
setup_application(app)
font = QFont(app.font())
font.setPointSize(28)

def picture(text):
    image = QImage(200, 60, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image

def ink(image):
    return sum(1 for value in bytes(image.constBits()) if value < 128)  # 200 wide: no row padding

tofu = picture(sys.argv[2])
out = {"families": app.font().families(), "chars": {}}
for char in sys.argv[1]:
    image = picture(char)
    faces = [family for family in app.font().families()
             if QRawFont.fromFont(QFont(family)).supportsCharacter(ord(char))]
    out["chars"][char] = {"ink": ink(image), "like_a_missing_glyph": image == tofu, "faces": faces}
label = QLabel(sys.argv[1])
label.setFont(font)
label.adjustSize()
label.grab().save(sys.argv[3])
print(json.dumps(out, ensure_ascii=False))
"""

NAMES = "刘䶮𬘡吉𠮷郑𫖮黄𬌗李𬺰陈𰀀周𱍐"
NO_FONT = "\U0002ebf0"


def test_the_window_draws_every_character_of_a_rare_name(tmp_path: Path) -> None:
    picture = tmp_path / "names.png"
    result = subprocess.run([sys.executable, "-c", SCRIPT, NAMES, NO_FONT, str(picture)], cwd=ROOT,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True,
                            encoding="utf-8", timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["families"] == ["WenQuanYi Micro Hei", "HanaMinA Ext", "HanaMinB", "BabelStone Han Ext"]
    for char, seen in found["chars"].items():
        assert seen["faces"], f"{char} (U+{ord(char):04X}): no font of the window has it"
        assert seen["ink"] > 0 and not seen["like_a_missing_glyph"], f"{char} (U+{ord(char):04X}) drawn as {seen}"
    assert picture.stat().st_size > 0
