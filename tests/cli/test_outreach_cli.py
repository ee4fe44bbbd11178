"""`python -m desktop outreach --out FILE.csv` as CONTRACTS.md specifies it, and the per-employer PDF lists."""

from __future__ import annotations

import csv
import datetime as dt
import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import run
from desktop.models.identity import id_check_character
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS

CONTRACT = ["id_number", "name", "phone", "employer_name", "occupation_code", "level", "window_ends", "amount_yuan",
            "message"]
DAY = "2026-11-27"  # cn-2025, carried over
PARK_A = ("91440101MA5PARK00X", "广州开发区甲电子有限公司")
PARK_B = ("91440101MA5PARK011", "广州开发区乙机械有限公司")


def make_id(seq: int) -> str:
    first17 = f"44010619850101{seq:03d}"
    return first17 + id_check_character(first17)


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def zhanchi(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data folder with a clerk and a registry: four eligible workers at two employers, one not eligible."""
    folder = tmp_path / "data"
    people = [
        [make_id(1), "张一", PARK_A[0], PARK_A[1], "440106", 40, "13800138001", "否"],
        [make_id(2), "李二", PARK_A[0], PARK_A[1], "440106", 8, "13800138002", "是"],  # < 12 months, on benefit
        [make_id(3), "王三", PARK_B[0], PARK_B[1], "440111", 60, "", "否"],  # no phone: listed, counted
        [make_id(4), "赵四", PARK_B[0], PARK_B[1], "440111", 11, "13800138004", "否"],  # 11 months: not eligible
        [make_id(5), "孙五", "", "", "440106", 30, "13800138005", "否"],
    ]
    certs = [
        [f"S00014400012317{level}{seq:06d}", make_id(seq), "skill_level", level, "6-18-01-01", "车工", issued, ""]
        for seq, level, issued in ((1, 4, "2026-03-02"), (2, 5, "2026-01-05"), (3, 3, "2025-12-01"),
                                   (4, 4, "2026-03-02"), (5, 4, "2026-06-01"))
    ]
    for kind, header, rows in (("insured", INSURED_COLUMNS, people), ("certificates", CERTIFICATE_COLUMNS, certs)):
        source = write_csv(tmp_path / f"{kind}.csv", header, rows)
        code, _, err = zhanchi(capsys, folder, "import", kind, str(source))
        assert code == 0, err
    from desktop.models import staff
    from desktop.models.store import open_store

    with open_store(folder) as store:
        staff.create_staff(store, actor=None, username="clerk", display_name="受理员", role=staff.Role.clerk,
                           office_code="440100", password="zhanchi-test-pw")
        staff.create_staff(store, actor=None, username="admin", display_name="管理员", role=staff.Role.admin,
                           office_code="440100", password="zhanchi-test-pw")
    return folder


def test_outreach_writes_the_contract_csv_and_a_json_summary(data: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sms.csv"
    code, stdout, err = zhanchi(capsys, data, "outreach", "--out", str(out), "--date", DAY)
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["policy"] == "cn-2025" and summary["policy_carried_over"] is True
    assert (summary["rows"], summary["people"], summary["no_mobile"], summary["written"]) == (4, 4, 1, 4)
    assert summary["longest_message"] <= 70 and summary["max_segments"] == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel and the SMS platform read UTF-8 by the BOM
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == CONTRACT
    body = [dict(zip(CONTRACT, r, strict=True)) for r in rows[1:]]
    assert [r["name"] for r in body] == ["王三", "李二", "张一", "孙五"]  # soonest window first
    assert body[0]["window_ends"] == "2026-12-01" and body[0]["id_number"] == make_id(3)
    assert body[2]["message"].startswith("张一您好：您取得的车工四级证书") and "1500元" in body[2]["message"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    code, _, err = zhanchi(capsys, data, "audit", "verify")
    assert code == 0, err  # the export is in the audit trail, and the trail holds


def test_outreach_by_employer_writes_one_masked_pdf_per_employer(data: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "lists"
    code, stdout, err = zhanchi(capsys, data, "outreach", "--by-employer", "--out", str(folder), "--date", DAY,
                                "--user", "clerk")
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["files"] == ["001-广州开发区乙机械有限公司.pdf", "002-广州开发区甲电子有限公司.pdf",
                                "003-（未登记单位）.pdf"]
    assert sorted(p.name for p in folder.iterdir()) == summary["files"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in folder.iterdir())


def test_outreach_for_a_park_only(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    employers = tmp_path / "park.txt"
    employers.write_text(f"# 园区单位\n{PARK_A[0]}\n不存在的公司\n", encoding="utf-8")
    out = tmp_path / "park.csv"
    code, stdout, err = zhanchi(capsys, data, "outreach", "--out", str(out), "--date", DAY,
                                "--employers", str(employers), "--employer", PARK_B[1])
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["rows"] == 3 and summary["unmatched_employers"] == ["不存在的公司"]


@pytest.mark.parametrize(("args", "field"), [
    (["--date", "2026-13-01"], "--date"),
    (["--user", "admin"], "--user"),
    (["--user", "nobody"], "--user"),
    (["--template", "missing.toml"], "missing.toml"),
])
def test_bad_arguments_exit_2_naming_the_argument(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  args: list[str], field: str) -> None:
    code, stdout, err = zhanchi(capsys, data, "outreach", "--out", str(tmp_path / "x.csv"), *args)
    assert code == 2 and stdout == ""
    assert field in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_empty_registry_or_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = zhanchi(capsys, tmp_path / "none", "outreach", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "--data-dir" in err
    from desktop.models.store import open_store

    open_store(tmp_path / "empty").close()
    code, _, err = zhanchi(capsys, tmp_path / "empty", "outreach", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "import insured" in err


def test_outreach_as_a_real_process(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "proc.csv"
    result = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "outreach", "--out", str(out),
                             "--date", DAY], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == 4
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(CONTRACT)


def test_screening_date_defaults_to_the_office_day(data: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.models.clock import Clock

    code, stdout, _ = zhanchi(capsys, data, "outreach", "--out", str(tmp_path / "today.csv"))
    assert code == 0
    assert json.loads(stdout)["date"] == Clock().today().isoformat()
    assert dt.date.fromisoformat(json.loads(stdout)["date"])
