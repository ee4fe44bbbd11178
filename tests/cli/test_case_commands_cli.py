"""intake, demo, status and audit verify as CONTRACTS.md specifies them, as real processes."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from dbfile import copy_database, open_db

from desktop.models.cases import State

INTAKE: dict[str, Any] = {
    "applicant": {"name": "张三", "id_number": "11010519491231002X"},
    "insured_region": "440100",
    "application_region": "440100",
    "contribution_months": 40,
    "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                    "occupation_code": "6-18-01-01", "occupation_name": "车工", "issue_date": "2017-06-01"},
    "application_date": "2018-01-10",
    "payment": {"kind": "bank", "account": "6222020200112233445", "bank_name": "中国工商银行", "holder_name": "张三"},
    "employer": {"name": "广州白云精密机械有限公司", "uscc": "91440101MA59XXXX0G"},
    "phone": "13800138000",
}


def zhanchi(data_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo")
    result = zhanchi(data_dir, "demo", "--cases", "40")
    assert result.returncode == 0, result.stderr
    return data_dir


def status(data_dir: Path) -> dict[str, Any]:
    result = zhanchi(data_dir, "status")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_spreads_cases_over_every_state(demo_dir: Path) -> None:
    out = status(demo_dir)
    assert list(out["cases"]) == [s.value for s in State]
    assert sum(out["cases"].values()) == 40
    assert all(count > 0 for count in out["cases"].values()), out["cases"]
    assert out["pending_sync"] > 40 and out["sync_rejected"] == 0 and out["last_sync"] is None


def test_demo_creates_the_contract_accounts(demo_dir: Path) -> None:
    from desktop.models import staff
    from desktop.models.store import open_store

    store = open_store(demo_dir)
    try:
        for username, role in [("clerk", "clerk"), ("reviewer", "reviewer"), ("approver", "approver"),
                               ("supervisor", "supervisor"), ("admin", "admin")]:
            user = staff.authenticate(store, username, "zhanchi-demo")
            assert user.role.value == role and user.office_code == "440100"
        with store.session(readonly=True) as session:
            from sqlalchemy import func, select

            from desktop.models.schema import Case, RegistryInsured
            assert session.scalar(select(func.count()).select_from(RegistryInsured)) >= 80
            unpaid = session.scalar(select(func.count()).select_from(Case).where(Case.state == "approved"))
            assert unpaid and unpaid > 0
    finally:
        store.close()


def copy_of(data_dir: Path, tmp_path: Path) -> tuple[Path, Any]:
    """A copy of the folder's database to tamper with, and a connection to it."""
    copy_dir = tmp_path / "copy"
    copy_dir.mkdir()
    return copy_dir, copy_database(data_dir, copy_dir)


def test_audit_verify_passes_on_demo_and_catches_tampering(demo_dir: Path, tmp_path: Path) -> None:
    result = zhanchi(demo_dir, "audit", "verify")
    assert result.returncode == 0, result.stderr
    # Tamper with a copy, directly in the database file.
    copy_dir, target = copy_of(demo_dir, tmp_path)
    for (name,) in target.execute("select name from sqlite_master where type='trigger'").fetchall():
        target.execute(f"drop trigger {name}")
    target.execute("update audit_log set actor = 'intruder' where seq = 20")
    target.commit()
    target.close()
    result = zhanchi(copy_dir, "audit", "verify")
    assert result.returncode == 1
    assert "20" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("column", "change"), [("amount_yuan", "amount_yuan * 10"),
                                                ("payment_account", "'6222020299999999999'")])
def test_audit_verify_catches_money_edited_in_the_database_file(demo_dir: Path, tmp_path: Path, column: str,
                                                                change: str) -> None:
    """Issue 14.4: an approved case's amount or account changed directly in SQLite (the chain itself
    untouched) no longer passes: its money is not what the audited changes set."""
    copy_dir, target = copy_of(demo_dir, tmp_path)
    case_no = target.execute("SELECT case_no FROM cases WHERE state = 'approved' ORDER BY case_no").fetchone()[0]
    target.execute(f"UPDATE cases SET {column} = {change} WHERE case_no = ?", (case_no,))
    target.commit()
    target.close()
    result = zhanchi(copy_dir, "audit", "verify")
    assert result.returncode == 1 and result.stdout == ""
    assert case_no in result.stderr and "与审计记录不符" in result.stderr and "Traceback" not in result.stderr


def test_intake_one_case_prints_case_no_and_id(tmp_path: Path, demo_dir: Path) -> None:
    data_dir = copy_demo(demo_dir, tmp_path)
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps(INTAKE, ensure_ascii=False))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    assert set(line) == {"case_no", "case_id"} and line["case_no"].startswith("440100-")
    assert status(data_dir)["cases"]["accepted"] == status(demo_dir)["cases"]["accepted"] + 1


def test_intake_batch_with_ineligible_and_duplicate_exits_1(tmp_path: Path, demo_dir: Path) -> None:
    data_dir = copy_demo(demo_dir, tmp_path)
    short = copy.deepcopy(INTAKE)
    short["applicant"] = {"name": "李四", "id_number": "440106199003071231"}
    short["contribution_months"] = 35
    batch = [INTAKE, short, INTAKE]  # the third repeats the first: the ledger catches it
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps(batch, ensure_ascii=False))
    assert result.returncode == 1, result.stderr
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(lines) == 3
    assert "case_no" in lines[0]
    failed = {c["rule"] for c in lines[1]["verdict"]["checks"] if not c["passed"]}
    assert failed == {"contribution_months"}
    failed = {c["rule"] for c in lines[2]["verdict"]["checks"] if not c["passed"]}
    assert failed == {"duplicate_subsidy"}
    assert status(data_dir)["cases"]["accepted"] == status(demo_dir)["cases"]["accepted"] + 1


def test_intake_malformed_item_writes_nothing(tmp_path: Path, demo_dir: Path) -> None:
    data_dir = copy_demo(demo_dir, tmp_path)
    bad = copy.deepcopy(INTAKE)
    del bad["payment"]["account"]
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps([INTAKE, bad]))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("[1].payment.account: ")
    assert status(data_dir)["cases"] == status(demo_dir)["cases"]


@pytest.mark.parametrize(("name", "message"), [
    ("张\u202e三", "applicant.name: 姓名含有不可见的文字方向控制字符（U+202E），请重新输入"),
    ("张" * 100, "applicant.name: 姓名不能超过64个字符（中心系统的上限），现有100个"),
])
def test_intake_refuses_a_name_the_central_system_would_refuse(tmp_path: Path, demo_dir: Path, name: str,
                                                              message: str) -> None:
    """issue 14.2: a hidden override or a 100-character name is refused at the counter, not by the central
    system on every sync afterwards; exit 2, one line naming the field, nothing written."""
    data_dir = copy_demo(demo_dir, tmp_path)
    bad = copy.deepcopy(INTAKE)
    bad["applicant"]["name"] = bad["payment"]["holder_name"] = name
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps(bad))
    assert result.returncode == 2 and result.stderr == message + "\n"
    assert status(data_dir)["cases"] == status(demo_dir)["cases"]


def test_intake_refuses_a_bad_employer_code_40hao_1(tmp_path: Path, demo_dir: Path) -> None:
    """40号 一 / POLICY.md §6: the employer code decides enterprise_employee, so a code that is not one is
    bad input (exit 2, one line naming employer.uscc, nothing written)."""
    data_dir = copy_demo(demo_dir, tmp_path)
    bad = copy.deepcopy(INTAKE)
    bad["employer"]["uscc"] = "91440101MA59XXXX0X"  # check character should be G
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps(bad, ensure_ascii=False))
    assert result.returncode == 2 and result.stderr.startswith("employer.uscc: ") and result.stderr.count("\n") == 1
    assert status(data_dir)["cases"] == status(demo_dir)["cases"]


def test_intake_of_a_public_institution_employee_is_not_accepted_40hao_1(tmp_path: Path, demo_dir: Path) -> None:
    """40号 一: an employer registered by 机构编制 (code 1) is not an enterprise: the case is not accepted."""
    from desktop.models.identity import uscc_check_character

    data_dir = copy_demo(demo_dir, tmp_path)
    institution = copy.deepcopy(INTAKE)
    institution["employer"] = {"name": "广州市某事业单位", "uscc": "12440101MA59XXXX0" + uscc_check_character(
        "12440101MA59XXXX0")}
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps(institution, ensure_ascii=False))
    assert result.returncode == 1, result.stderr
    [line] = [json.loads(text) for text in result.stdout.strip().splitlines()]
    failed = [c for c in line["verdict"]["checks"] if not c["passed"]]
    assert [c["rule"] for c in failed] == ["enterprise_employee"] and "首位为1" in failed[0]["message"]
    assert status(data_dir)["cases"] == status(demo_dir)["cases"]


@pytest.mark.parametrize(("user", "word"), [("nobody", "--user"), ("reviewer", "无权")])
def test_intake_user_must_exist_and_may_accept(tmp_path: Path, demo_dir: Path, user: str, word: str) -> None:
    data_dir = copy_demo(demo_dir, tmp_path)
    result = zhanchi(data_dir, "intake", "-", "--user", user, stdin=json.dumps(INTAKE))
    assert result.returncode == 2 and word in result.stderr and "Traceback" not in result.stderr
    assert status(data_dir)["cases"] == status(demo_dir)["cases"]


def copy_demo(demo_dir: Path, tmp_path: Path) -> Path:
    target_dir = tmp_path / "data"
    target_dir.mkdir()
    copy_database(demo_dir, target_dir).close()
    return target_dir


def test_intake_records_what_the_registry_copy_confirmed_policy_4(tmp_path: Path) -> None:
    """Issue 15.7: a case taken from the command line records its data sources as the window does —
    checked against the registry copy where it matches, typed by hand where it does not — never
    "nothing was missing"."""
    import csv

    assert zhanchi(tmp_path, "demo", "--cases", "0").returncode == 0
    with (tmp_path / "demo" / "demo-insured.csv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    with (tmp_path / "demo" / "demo-certificates.csv").open(encoding="utf-8") as handle:
        certificates = {c["id_number"]: c for c in csv.DictReader(handle)}

    def intake_of(person: dict[str, str]) -> dict[str, Any]:
        cert = certificates[person["id_number"]]
        intake = copy.deepcopy(INTAKE)
        intake.update(applicant={"name": person["name"], "id_number": person["id_number"]},
                      insured_region=person["insured_region"], contribution_months=int(person["contribution_months"]),
                      application_date=(dt.date.fromisoformat(cert["issue_date"]) + dt.timedelta(days=10)).isoformat(),
                      certificate={"number": cert["number"], "kind": cert["kind"], "level": int(cert["level"]),
                                   "occupation_code": cert["occupation_code"],
                                   "occupation_name": cert["occupation_name"], "issue_date": cert["issue_date"]},
                      employer={"name": person["employer_name"], "uscc": person["employer_uscc"]})
        intake["payment"]["holder_name"] = person["name"]
        return intake

    first_person, second_person = [p for p in people if p["id_number"] in certificates
                                   and int(p["contribution_months"]) >= 36][:2]
    matching, typed_months = intake_of(first_person), intake_of(second_person)
    typed_months["contribution_months"] += 1  # not what the registry says: typed, to be checked
    result = zhanchi(tmp_path, "intake", "-", "--user", "clerk",
                     stdin=json.dumps([matching, typed_months], ensure_ascii=False))
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = (json.loads(line)["case_no"] for line in result.stdout.splitlines())
    with open_db(tmp_path / "zhanchi.db") as conn:
        sources = {case_no: json.loads(text) for case_no, text in conn.execute(
            "SELECT case_no, sources_json FROM cases WHERE case_no IN (?, ?)", (first, second))}
    assert {key: s["kind"] for key, s in sources[first].items()} == {
        "identity": "synced", "contributions": "synced", "certificate": "synced"}
    assert sources[second]["contributions"]["kind"] == "typed" and sources[second]["identity"]["kind"] == "synced"
