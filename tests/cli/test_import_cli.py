"""`python -m desktop import insured|certificates FILE` as CONTRACTS.md specifies it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desktop.cli import run
from desktop.models.identity import id_check_character
from desktop.models.registry import certificates_of, find_insured, registry_size
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS
from desktop.models.store import open_store


def make_id(seq: int) -> str:
    first17 = f"44010619800101{seq:03d}"
    return first17 + id_check_character(first17)


def bad_id(seq: int) -> str:
    good = make_id(seq)
    return good[:17] + ("0" if good[17] != "0" else "1")


def insured(seq: int, months: Any = 40, id_number: str | None = None) -> list[Any]:
    return [id_number or make_id(seq), f"张{seq}", "", "某公司", "440100", months, "13800138000", "否"]


def write_csv(path: Path, header: list[str] | tuple[str, ...], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def zhanchi(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def insured_rows(data_dir: Path) -> int:
    with open_store(data_dir) as store, store.session(readonly=True) as session:
        return registry_size(session, "insured")


def test_import_insured_csv_prints_a_json_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    source = write_csv(tmp_path / "insured.csv", INSURED_COLUMNS, [insured(1), insured(2)])
    code, out, err = zhanchi(capsys, data, "import", "insured", str(source))
    assert code == 0, err
    summary = json.loads(out)
    assert {k: summary[k] for k in ("kind", "inserted", "updated", "rejected")} == {
        "kind": "insured", "inserted": 2, "updated": 0, "rejected": 0,
    }
    assert summary["as_of"].endswith("+00:00")

    changed = write_csv(tmp_path / "insured2.csv", INSURED_COLUMNS, [insured(1, months=55), insured(2)])
    code, out, _ = zhanchi(capsys, data, "import", "insured", str(changed))
    assert code == 0 and json.loads(out)["updated"] == 2 and json.loads(out)["inserted"] == 0
    assert insured_rows(data) == 2
    with open_store(data) as store, store.session(readonly=True) as session:
        assert find_insured(session, make_id(1)).contribution_months == 55  # type: ignore[union-attr]


def test_import_certificates_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*CERTIFICATE_COLUMNS, "备注"])
    sheet.append(["S000144000123174000056", make_id(1), "skill_level", 4, "6-18-01-01", "车工", "2017-06-01", "", "x"])
    workbook.save(tmp_path / "certs.xlsx")
    code, out, err = zhanchi(capsys, tmp_path / "data", "import", "certificates", str(tmp_path / "certs.xlsx"))
    assert code == 0, err
    assert json.loads(out)["inserted"] == 1
    with open_store(tmp_path / "data") as store, store.session(readonly=True) as session:
        assert [c.number for c in certificates_of(session, make_id(1))] == ["S000144000123174000056"]


def test_a_file_with_errors_is_exit_2_one_line_and_nothing_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    source = write_csv(
        tmp_path / "bad.csv", INSURED_COLUMNS,
        [insured(1, id_number=bad_id(1)), insured(2), insured(3, months=-1), insured(4, months="x")],
    )
    code, out, err = zhanchi(capsys, data, "import", "insured", str(source))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.startswith("FILE: 3行有错误，未导入（第2行 id_number：身份证号码校验位不正确")
    assert "--valid-only" in err and "--rejects" in err
    assert insured_rows(data) == 0


def test_valid_only_imports_the_rest_and_rejects_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    source = write_csv(
        tmp_path / "bad.csv", INSURED_COLUMNS, [insured(1, id_number=bad_id(1)), insured(2), insured(3, months=-1)]
    )
    fix = tmp_path / "fix.csv"
    code, out, err = zhanchi(capsys, data, "import", "insured", str(source), "--valid-only", "--rejects", str(fix))
    assert code == 0
    summary = json.loads(out)
    assert (summary["inserted"], summary["updated"], summary["rejected"]) == (1, 0, 2)
    assert "2行有错误" in err and str(fix) in err
    assert insured_rows(data) == 1
    with fix.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == [*INSURED_COLUMNS, "error"]
    assert [row[0] for row in written[1:]] == [bad_id(1), make_id(3)]
    assert written[1][-1].startswith("第2行 id_number：") and written[2][-1].startswith("第4行 contribution_months：")


def test_rejects_are_written_even_when_nothing_is_imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "bad.csv", INSURED_COLUMNS, [insured(1, months=-1), insured(2)])
    fix = tmp_path / "fix.csv"
    code, _, err = zhanchi(capsys, tmp_path / "data", "import", "insured", str(source), "--rejects", str(fix))
    assert code == 2 and "错误行已保存到" in err and err.count("\n") == 1
    assert fix.exists() and insured_rows(tmp_path / "data") == 0


def test_rejects_of_a_clean_file_is_just_the_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "good.csv", INSURED_COLUMNS, [insured(1)])
    fix = tmp_path / "fix.csv"
    fix.write_text("stale", encoding="utf-8")
    code, _, err = zhanchi(capsys, tmp_path / "data", "import", "insured", str(source), "--rejects", str(fix))
    assert code == 0 and err == ""
    assert fix.read_text(encoding="utf-8-sig").splitlines() == [",".join([*INSURED_COLUMNS, "error"])]


def test_a_missing_required_column_is_exit_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = [c for c in INSURED_COLUMNS if c != "insured_region"]
    source = write_csv(tmp_path / "m.csv", header, [[make_id(1), "张三", "", "", 40, "", "否"]])
    code, out, err = zhanchi(capsys, tmp_path / "data", "import", "insured", str(source))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("FILE: ") and "insured_region" in err


def test_map_option_for_different_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = ["身份证号", "姓名", "insured_region", "contribution_months"]
    source = write_csv(tmp_path / "cn.csv", header, [[make_id(1), "王五", "440100", "36"]])
    code, out, err = zhanchi(
        capsys, tmp_path / "data", "import", "insured", str(source), "--map", "身份证号=id_number", "--map", "姓名=name"
    )
    assert code == 0, err
    assert json.loads(out)["inserted"] == 1
    code, _, err = zhanchi(capsys, tmp_path / "data", "import", "insured", str(source), "--map", "身份证号")
    assert code == 2 and err.startswith("--map: ")


def test_unknown_kind_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        zhanchi(capsys, tmp_path / "data", "import", "people", str(tmp_path / "x.csv"))
    assert caught.value.code == 2


def test_as_a_real_process(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "bad.csv", INSURED_COLUMNS, [insured(1, months=-1)])
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(tmp_path / "data"), "import", "insured", str(source)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "第2行 contribution_months：累计缴费月数不能为负数" in result.stderr
