"""The installable bundle (CONTRACTS.md "Building the bundle") and its ``--smoke`` check.

The fast tests run ``python -m desktop --smoke`` from the checkout.  Building the
bundle takes about a minute and ~170 MB: that test is marked slow and runs only
with ``ZHANCHI_TEST_BUNDLE=1``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from desktop import smoke

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}


def _load_build_script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("zhanchi_build_script", ROOT / "build" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_smoke_from_source_exits_0_with_one_line() -> None:
    result = subprocess.run([sys.executable, "-m", "desktop", "--smoke"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("smoke ok: source"), result.stdout
    assert "Traceback" not in result.stderr


def test_smoke_failure_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "smoke"
    folder.mkdir()
    monkeypatch.setattr(smoke.tempfile, "mkdtemp", lambda **_kw: str(folder))

    def broken(_folder: Path) -> dict[str, object]:
        raise FileNotFoundError("打印字体缺失：/nowhere/wqy-microhei.ttc\nsecond line")

    monkeypatch.setattr(smoke, "_core", broken)
    assert smoke.run_smoke() == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == ["smoke failed: FileNotFoundError: 打印字体缺失：/nowhere/wqy-microhei.ttc second line"]
    assert not folder.exists()  # the temporary data folder is removed, failure or not


def test_build_keeps_pyinstaller_out_of_the_build_folder() -> None:
    build = _load_build_script()
    assert not build.WORK.resolve().is_relative_to(ROOT / "build")
    assert build.BUNDLE == ROOT / "dist" / "zhanchi"
    assert build.SPEC.is_file()


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("ZHANCHI_TEST_BUNDLE") != "1",
                    reason="set ZHANCHI_TEST_BUNDLE=1 to build the bundle")
def test_built_bundle_passes_its_smoke_check(dist_lock: None) -> None:
    build = subprocess.run([sys.executable, str(ROOT / "build" / "build.py")], cwd=ROOT, env=_env(),
                           capture_output=True, text=True, encoding="utf-8", timeout=1800, check=False)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "bundle: dist" in build.stdout

    bundle = ROOT / "dist" / "zhanchi"
    executable = bundle / ("zhanchi.exe" if sys.platform == "win32" else "zhanchi")
    result = subprocess.run([str(executable), "--smoke"], cwd=bundle.parent, env=_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke ok: bundle"), result.stdout

    inside = bundle / "_internal"
    files = {path.relative_to(inside).as_posix() for path in inside.rglob("*") if path.is_file()}
    # What the application reads from disk ...
    assert "resources/fonts/wqy-microhei.ttc" in files
    # Every face of the documents and the window, with its licence (issue 17.1, 17.7).
    from desktop.documents.typefaces import FACES

    for face in FACES.values():
        assert f"resources/fonts/{face.file}" in files and f"resources/fonts/{face.licence}" in files
    assert "resources/occupations/csco22.csv" in files
    assert "desktop/models/migrations/env.py" in files
    assert any(name.startswith("desktop/models/migrations/versions/0001_") for name in files)
    assert any(name.startswith("resources/i18n/") and name.endswith(".qm") for name in files)
    assert not any(name.endswith(".ts") for name in files)
    # ... and none of the Qt the window does not use.
    unused = ("libQt6Qml", "libQt6Quick", "QtNetwork.abi3", "libQt6Designer", "libQt6WebEngine", "/qml/",
              "translations/designer_", "plugins/sqldrivers/", "platformthemes/libqgtk3")
    assert not [name for name in files if any(part in name for part in unused)]
