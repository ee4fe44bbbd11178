"""backup / restore commands, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def zhanchi(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_backup_then_restore_a_damaged_database(tmp_path: Path) -> None:
    assert zhanchi(tmp_path, "demo", "--cases", "12").returncode == 0
    before = json.loads(zhanchi(tmp_path, "status").stdout)["cases"]
    made = zhanchi(tmp_path, "backup")
    assert made.returncode == 0, made.stderr
    assert Path(json.loads(made.stdout)["backup"]).exists()
    listed = json.loads(zhanchi(tmp_path, "backup", "list").stdout)
    assert len(listed) == 1 and listed[0]["reason"] == "manual"

    (tmp_path / "zhanchi.db").write_bytes(b"garbage" * 1000)
    broken = zhanchi(tmp_path, "status")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1

    restored = zhanchi(tmp_path, "restore")
    assert restored.returncode == 0, restored.stderr
    assert Path(json.loads(restored.stdout)["replaced_database_kept_at"]).exists()
    assert json.loads(zhanchi(tmp_path, "status").stdout)["cases"] == before


def test_restore_without_backups_is_bad_input(tmp_path: Path) -> None:
    result = zhanchi(tmp_path, "restore")
    assert result.returncode == 2 and result.stderr.startswith("FILE: ")
