"""Commands on a damaged database or a mistyped folder (issue 14.8), as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from dbfile import open_db

INTAKE = {
    "applicant": {"name": "张三", "id_number": "11010519491231002X"}, "insured_region": "440100",
    "application_region": "440100", "contribution_months": 40,
    "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                    "occupation_code": "6-18-01-01", "occupation_name": "车工", "issue_date": "2017-06-01"},
    "application_date": "2018-01-10",
    "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "中国工商银行", "holder_name": "张三"},
    "employer": {"name": "广州白云精密机械有限公司", "uscc": "91440101MA59XXXX0G"},
}


def zhanchi(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo folder with an index page of the cases table broken: SQLite's own check finds it,
    while the file opens and the cases read as ever (the commands used to go on regardless)."""
    folder = tmp_path_factory.mktemp("damaged")
    assert zhanchi(folder, "demo", "--cases", "40").returncode == 0
    database = folder / "zhanchi.db"
    with open_db(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher gives it as text
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' "
                            "AND sql IS NOT NULL ORDER BY name LIMIT 1").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 40
    with database.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 16)  # the b-tree page header: no valid page type
    with open_db(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM cases NOT INDEXED").fetchone()[0] == 40
        assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    return folder


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("command", [["status"], ["audit", "verify"], ["outreach", "--out", "OUT.csv"],
                                     ["payment", "export", "--out", "OUT.csv"]])
def test_a_damaged_database_is_refused_before_anything_is_read_or_written(damaged: Path, tmp_path: Path,
                                                                           command: list[str]) -> None:
    """Issue 14.8: the one-line message the window gives, exit 1, and no file written."""
    out = tmp_path / "out.csv"
    result = zhanchi(damaged, *[str(out) if part == "OUT.csv" else part for part in command])
    assert result.returncode == 1 and result.stdout == ""
    assert "数据库文件已损坏" in one_line(result) and "restore" in result.stderr
    assert not out.exists()


def test_intake_on_a_damaged_database_writes_nothing(damaged: Path) -> None:
    result = zhanchi(damaged, "intake", "-", "--user", "clerk", stdin=json.dumps(INTAKE, ensure_ascii=False))
    assert result.returncode == 1 and result.stdout == "" and "数据库文件已损坏" in one_line(result)


@pytest.mark.parametrize("command", [["status"], ["audit", "verify"], ["sync"],
                                     ["intake", "-", "--user", "clerk"]])
def test_a_mistyped_folder_is_never_created(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "zhanchi-dta"
    result = zhanchi(typo, *command, stdin=json.dumps(INTAKE, ensure_ascii=False))
    assert result.returncode == 2 and result.stderr.startswith("--data-dir: "), result.stderr
    assert not typo.exists()
