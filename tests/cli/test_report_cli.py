"""`print daily-summary` (CONTRACTS.md) and `report monthly`: outputs and exit codes.

The commands open the data folder with the test clock (10:00 on Friday 27 November 2026 in
Beijing), so "today" and "the future" do not depend on the day the tests run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from document_helpers import flat, pdf_text  # noqa: E402

from desktop.cli import run  # noqa: E402
from desktop.models import audit  # noqa: E402
from desktop.models import store as store_module  # noqa: E402
from desktop.models.application import Intake  # noqa: E402
from desktop.models.cases import State, create_case  # noqa: E402
from desktop.models.clock import Clock  # noqa: E402
from desktop.models.staff import StaffUser  # noqa: E402
from desktop.models.store import Store, open_store  # noqa: E402


@pytest.fixture(autouse=True)
def commands_use_the_test_clock(monkeypatch: pytest.MonkeyPatch, clock: Clock) -> None:
    # Commands open their folder through cli.common.open_existing_store, which looks open_store up when called.
    monkeypatch.setattr(store_module, "open_store",  # kwargs too: a module imported meanwhile keeps it
                        lambda data_dir, **options: open_store(data_dir, **{"clock": clock, **options}))


@pytest.fixture
def people(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role: make_staff(role, role) for role in ("clerk", "supervisor")}


@pytest.fixture
def accepted(store: Store, people: dict[str, StaffUser], make_intake: Callable[..., Intake]) -> None:
    """One case accepted at the fixed test time: 10:00 on Friday 27 November 2026 in Beijing."""
    create_case(store, people["clerk"], make_intake(),
                verdict={"eligible": True, "amount_yuan": 1500, "policy": "cn-2017", "checks": []},
                eligible=True, amount_yuan=1500, policy_id="cn-2017", state=State.accepted)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def zhanchi(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = run(["--data-dir", str(data_dir), *args])
    except SystemExit as exc:  # argparse usage errors (CliParser: one line, exit 2)
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_naming(err: str, argument: str) -> None:
    assert err.count("\n") == 1, err
    assert argument in err and "Traceback" not in err, err


# --- print daily-summary --------------------------------------------------------------------------


def test_daily_summary_for_a_date(capsys: pytest.CaptureFixture[str], store: Store, accepted: None,
                                  out_dir: Path) -> None:
    out = out_dir / "daily.pdf"
    code, stdout, err = zhanchi(capsys, store.data_dir, "print", "daily-summary", "--date", "2026-11-27",
                                "--out", str(out), "--user", "supervisor")
    assert code == 0, err
    line = json.loads(stdout)
    assert line["kind"] == "daily_summary" and line["date"] == "2026-11-27" and line["out"] == str(out)
    text = flat(pdf_text(out))
    assert "2026年11月27日" in text and "受理11,500" in text and "制表人：科长supervisor" in text
    with store.session(readonly=True) as session:
        [entry] = audit.entries(session, entity="office")
    assert (entry.actor, entry.action) == ("supervisor", "document.daily_summary")


def test_daily_summary_defaults_to_today_in_the_office_zone(capsys: pytest.CaptureFixture[str], store: Store,
                                                            clock: Clock, out_dir: Path) -> None:
    clock.fixed = dt.datetime(2026, 11, 26, 23, 30, tzinfo=dt.UTC)  # 07:30 on the 27th in Beijing
    code, stdout, err = zhanchi(capsys, store.data_dir, "print", "daily-summary", "--out", str(out_dir / "d.pdf"))
    assert code == 0, err
    assert json.loads(stdout)["date"] == "2026-11-27"  # a scheduled job: no --user
    with store.session(readonly=True) as session:
        assert [e.actor for e in audit.entries(session, entity="office")] == ["system"]


@pytest.mark.parametrize("value", ["2026-13-01", "2026-11-31", "27/11/2026", "2026-1-5", "yesterday"])
def test_a_malformed_date_is_exit_2_naming_date(capsys: pytest.CaptureFixture[str], store: Store, out_dir: Path,
                                                value: str) -> None:
    code, stdout, err = zhanchi(capsys, store.data_dir, "print", "daily-summary", "--date", value,
                                "--out", str(out_dir / "d.pdf"))
    assert code == 2 and stdout == ""
    one_line_naming(err, "--date")
    assert not (out_dir / "d.pdf").exists()


def test_refusals_are_exit_2_naming_the_argument(capsys: pytest.CaptureFixture[str], store: Store,
                                                 people: dict[str, StaffUser], out_dir: Path, tmp_path: Path) -> None:
    pdf = str(out_dir / "d.pdf")
    future = "2026-11-28"
    cases = [
        (["--date", future, "--out", pdf], "--date"),
        (["--out", pdf, "--user", "nobody"], "--user"),
        (["--out", pdf, "--user", "clerk"], "--user"),  # a clerk may not read reports
        (["--out", str(tmp_path / "missing" / "d.pdf")], "--out"),
        (["--out", str(out_dir / "d.txt")], "--out"),
        (["--date", "2026-11-27"], "--out"),  # --out is required
    ]
    for args, argument in cases:
        code, _, err = zhanchi(capsys, store.data_dir, "print", "daily-summary", *args)
        assert code == 2, (args, err)
        one_line_naming(err, argument)
    code, _, err = zhanchi(capsys, tmp_path / "no-such-folder", "print", "daily-summary", "--out", pdf)
    assert code == 2
    one_line_naming(err, "--data-dir")
    assert not (tmp_path / "no-such-folder").exists()  # a typo creates no database
    assert list(out_dir.iterdir()) == []


# --- report monthly ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "pdf"])
def test_monthly_report_in_each_format(capsys: pytest.CaptureFixture[str], store: Store, accepted: None,
                                       out_dir: Path, suffix: str) -> None:
    out = out_dir / f"monthly.{suffix}"
    code, stdout, err = zhanchi(capsys, store.data_dir, "report", "monthly", "--month", "2018-01", "--out", str(out))
    assert code == 0, err
    line = json.loads(stdout)
    assert (line["kind"], line["month"], line["format"]) == ("monthly_report", "2018-01", suffix)
    assert out.stat().st_size > 0
    if suffix == "csv":  # the intake's application date is 2018-01-10
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
        assert rows[-1]["dimension"] == "total" and rows[-1]["applications"] == "1"
        assert rows[-1]["application_amount_yuan"] == "1500"


def test_monthly_report_refusals(capsys: pytest.CaptureFixture[str], store: Store, people: dict[str, StaffUser],
                                 out_dir: Path) -> None:
    csv_out = str(out_dir / "m.csv")
    future = "2026-12"
    cases = [
        (["--month", "2026-13", "--out", csv_out], "--month"),
        (["--month", "2026/11", "--out", csv_out], "--month"),
        (["--month", future, "--out", csv_out], "--month"),
        (["--month", "2026-11", "--out", str(out_dir / "m.txt")], "--out"),
        (["--month", "2026-11", "--out", csv_out, "--user", "clerk"], "--user"),
        (["--out", csv_out], "--month"),  # --month is required
    ]
    for args, argument in cases:
        code, _, err = zhanchi(capsys, store.data_dir, "report", "monthly", *args)
        assert code == 2, (args, err)
        one_line_naming(err, argument)
    assert list(out_dir.iterdir()) == []


# --- report quarterly (issue 17.9) -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "pdf"])
def test_quarterly_report_in_each_format(capsys: pytest.CaptureFixture[str], store: Store, accepted: None,
                                         out_dir: Path, suffix: str) -> None:
    out = out_dir / f"quarterly.{suffix}"
    code, stdout, err = zhanchi(capsys, store.data_dir, "report", "quarterly", "--quarter", "2018-Q1",
                                "--out", str(out))
    assert code == 0, err
    line = json.loads(stdout)
    assert (line["kind"], line["quarter"], line["format"]) == ("quarterly_report", "2018-Q1", suffix)
    if suffix == "csv":  # the intake's application date is 2018-01-10: one real-name record
        rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
        assert len(rows) == 1 and rows[0]["claimed_in_quarter"] == "是" and rows[0]["amount_yuan"] == "1500"
    if suffix == "pdf":
        assert "参保职工技能提升补贴实名制信息采集系统" in flat(pdf_text(out))


def test_quarterly_report_refusals(capsys: pytest.CaptureFixture[str], store: Store, people: dict[str, StaffUser],
                                   out_dir: Path) -> None:
    csv_out = str(out_dir / "q.csv")
    for args, argument in (
        (["--quarter", "2026-Q5", "--out", csv_out], "--quarter"),
        (["--quarter", "2026-11", "--out", csv_out], "--quarter"),
        (["--quarter", "2027-Q1", "--out", csv_out], "--quarter"),  # not yet begun
        (["--quarter", "2026-Q3", "--out", str(out_dir / "q.txt")], "--out"),
        (["--quarter", "2026-Q3", "--out", csv_out, "--user", "clerk"], "--user"),
    ):
        code, _, err = zhanchi(capsys, store.data_dir, "report", "quarterly", *args)
        assert code == 2, (args, err)
        one_line_naming(err, argument)
    assert list(out_dir.iterdir()) == []
