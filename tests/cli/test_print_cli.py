"""`python -m desktop print receipt|notice|decision CASE_NO --out FILE.pdf` as CONTRACTS.md specifies it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# The PDF-reading helpers live with the document tests (a plain module, not a conftest).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from document_helpers import FULL_ID, MASKED_ID, flat, pdf_text, require_tool  # noqa: E402

from desktop.cli import print_commands, run  # noqa: E402
from desktop.documents import case_documents  # noqa: E402
from desktop.models import audit  # noqa: E402
from desktop.models.application import Intake  # noqa: E402
from desktop.models.cases import CaseRecord, State, transition  # noqa: E402
from desktop.models.checklist import Source, SourceKind  # noqa: E402
from desktop.models.intake import file_case  # noqa: E402
from desktop.models.rules import Verifier  # noqa: E402
from desktop.models.staff import StaffUser  # noqa: E402
from desktop.models.store import DB_FILENAME, Store  # noqa: E402


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def people(make_staff: Callable[..., StaffUser]) -> dict[str, StaffUser]:
    return {role: make_staff(role, role) for role in ("clerk", "reviewer", "approver", "auditor")}


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def accepted(store: Store, verifier: Verifier, people: dict[str, StaffUser],
             make_intake: Callable[..., Intake]) -> CaseRecord:
    record, _ = file_case(store, verifier, people["clerk"], make_intake(), accept=True,
                          sources={"identity": Source(SourceKind.ONLINE)}, received=["application_form"])
    return record


@pytest.fixture
def draft(store: Store, verifier: Verifier, people: dict[str, StaffUser],
          make_intake: Callable[..., Intake]) -> CaseRecord:
    record, _ = file_case(store, verifier, people["clerk"], make_intake(), accept=False, received=["application_form"])
    return record


def zhanchi(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    try:
        code = run(["--data-dir", str(data_dir), *args])
    except SystemExit as exc:  # argparse usage errors (CliParser: one line, exit 2)
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, prefix: str) -> None:
    assert err.count("\n") == 1 and err.startswith(prefix), err
    assert "Traceback" not in err


def printed(store: Store, case: CaseRecord) -> list[audit.AuditEntry]:
    with store.session(readonly=True) as session:
        return [e for e in audit.entries(session, entity="case", entity_id=case.id)
                if case_documents.is_document_entry(e)]


def test_print_receipt_then_a_reprint(store: Store, accepted: CaseRecord, out_dir: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    first = out_dir / "receipt.pdf"
    code, out, err = zhanchi(capsys, store.data_dir, "print", "receipt", accepted.case_no, "--out", str(first))
    assert code == 0, err
    assert out.count("\n") == 1
    assert json.loads(out) == {"case_no": accepted.case_no, "kind": "receipt", "out": str(first), "reprint": 0}
    text = flat(pdf_text(first))
    assert accepted.case_no in text and MASKED_ID in text and FULL_ID not in text and "1,500元" in text
    roll = out_dir / "roll.pdf"
    code, out, err = zhanchi(capsys, store.data_dir, "print", "receipt", accepted.case_no.lower(), "--out", str(roll),
                             "--format", "80mm")
    assert code == 0, err
    assert json.loads(out)["reprint"] == 1
    assert "第1次补打" in flat(pdf_text(roll))
    # --user left out: printed in the name of the clerk who accepted the case
    assert [(e.actor, e.after["format"]) for e in printed(store, accepted)] == [("clerk", "a4"), ("clerk", "80mm")]


def test_print_notice_and_decision(store: Store, people: dict[str, StaffUser], draft: CaseRecord,
                                   accepted: CaseRecord, out_dir: Path, capsys: pytest.CaptureFixture[str],
                                   advance: Any, decision_settings: dict[str, str]) -> None:
    code, out, err = zhanchi(capsys, store.data_dir, "print", "notice", draft.case_no, "--out", str(out_dir / "n.pdf"))
    assert code == 0, err
    assert json.loads(out)["kind"] == "notice"
    notice = flat(pdf_text(out_dir / "n.pdf"))  # POLICY.md §4: the applicant's list, never the office's checks
    assert "居民身份证" in notice and "本人银行卡或具有金融功能的社会保障卡" in notice
    assert "缴费证明" not in notice and "由经办机构联网查询、比对核查，无需申请人提供" in notice
    advance(accepted, State.paid, reviewer=people["reviewer"], approver=people["approver"])
    code, out, err = zhanchi(capsys, store.data_dir, "print", "decision", accepted.case_no,
                             "--out", str(out_dir / "d.pdf"))
    assert code == 0, err
    assert json.loads(out) == {"case_no": accepted.case_no, "kind": "decision", "out": str(out_dir / "d.pdf"),
                               "reprint": 0}
    assert "准予核发" in flat(pdf_text(out_dir / "d.pdf"))
    # --user left out: the approver who decided, not whoever changed the state last
    assert [e.actor for e in printed(store, accepted)] == ["approver"]
    code, out, err = zhanchi(capsys, store.data_dir, "print", "decision", accepted.case_no,
                             "--out", str(out_dir / "d2.pdf"), "--user", "clerk")
    assert code == 0, err
    assert json.loads(out)["reprint"] == 1 and printed(store, accepted)[-1].actor == "clerk"


def test_notice_and_decision_take_format_as_contracts_says_17_3(
        store: Store, people: dict[str, StaffUser], draft: CaseRecord, accepted: CaseRecord, out_dir: Path,
        capsys: pytest.CaptureFixture[str], advance: Any, decision_settings: dict[str, str]) -> None:
    """CONTRACTS.md: print receipt|notice|decision CASE_NO --out FILE.pdf [--format a4|80mm]."""
    require_tool("pdfinfo")
    advance(accepted, State.rejected, note="证书经核查系伪造", reviewer=people["reviewer"])
    for kind, case in (("notice", draft), ("decision", accepted)):
        for fmt, width in (("80mm", "226.772"), ("a4", "595.276")):
            out = out_dir / f"{kind}-{fmt}.pdf"
            code, printed_json, err = zhanchi(capsys, store.data_dir, "print", kind, case.case_no, "--out", str(out),
                                              "--format", fmt)
            assert code == 0, err
            assert json.loads(printed_json)["kind"] == kind
            info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
            assert f"Page size:       {width} x" in info, info
        assert [e.after["format"] for e in printed(store, case)] == ["80mm", "a4"]  # type: ignore[index]
    assert f"查询码{draft.lookup_code}" in flat(pdf_text(out_dir / "notice-80mm.pdf"))


def test_a_decision_without_the_offices_settings_is_exit_2_naming_the_setting(
        store: Store, people: dict[str, StaffUser], accepted: CaseRecord, out_dir: Path,
        capsys: pytest.CaptureFixture[str], advance: Any, make_staff: Callable[..., StaffUser]) -> None:
    """Issue 17.2: no decision in the name of nobody, without a number or without the remedies."""
    from desktop.models.office import set_office_profile

    advance(accepted, State.rejected, note="证书经核查系伪造", reviewer=people["reviewer"])
    code, out, err = zhanchi(capsys, store.data_dir, "print", "decision", accepted.case_no,
                             "--out", str(out_dir / "d.pdf"))
    assert code == 2 and out == ""
    one_line_error(err, "office_issuer_name: 尚未设置决定机关名称、决定书文号前缀、行政复议机关、行政诉讼管辖法院，")
    set_office_profile(store, make_staff("admin", "admin"), issuer_name="广州市人力资源和社会保障局",
                       doc_number_prefix="穗人社技补决", reconsideration_body="广州市人民政府")
    code, out, err = zhanchi(capsys, store.data_dir, "print", "decision", accepted.case_no,
                             "--out", str(out_dir / "d.pdf"))
    assert code == 2
    one_line_error(err, "office_court: 尚未设置行政诉讼管辖法院，不能出具审核决定书")
    assert list(out_dir.iterdir()) == [] and printed(store, accepted) == []


def test_an_unknown_case_is_exit_2(store: Store, accepted: CaseRecord, out_dir: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = zhanchi(capsys, store.data_dir, "print", "receipt", "440100-ZZZZ-20261127-9999",
                             "--out", str(out_dir / "r.pdf"))
    assert code == 2 and out == ""
    one_line_error(err, "CASE_NO: 没有此案件 440100-ZZZZ-20261127-9999")
    assert list(out_dir.iterdir()) == []


def test_a_case_without_that_document_is_exit_2(store: Store, draft: CaseRecord, out_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("receipt", "decision"):
        code, _, err = zhanchi(capsys, store.data_dir, "print", kind, draft.case_no, "--out", str(out_dir / "x.pdf"))
        assert code == 2
        one_line_error(err, f"CASE_NO: {draft.case_no}")
    assert list(out_dir.iterdir()) == [] and printed(store, draft) == []


def test_bad_arguments_are_exit_2_naming_them(store: Store, accepted: CaseRecord, draft: CaseRecord, out_dir: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    cases: list[tuple[list[str], str]] = [
        (["notice", draft.case_no, "--out", str(out_dir / "n.pdf"), "--format", "a5"], "zhanchi print notice"),
        (["decision", accepted.case_no, "--out", str(out_dir / "d.pdf"), "--format", "a5"], "zhanchi print decision"),
        (["receipt", accepted.case_no, "--out", str(out_dir / "r.pdf"), "--format", "a5"], "zhanchi print receipt"),
        (["receipt", accepted.case_no], "zhanchi print receipt: 参数错误"),
        (["receipt", accepted.case_no, "--out", str(out_dir / "no" / "r.pdf")], "--out: 文件夹"),
        (["receipt", accepted.case_no, "--out", str(out_dir)], "--out:"),
        (["receipt", accepted.case_no, "--out", str(out_dir / "r.pdf"), "--user", "nobody"], "--user: 没有用户 nobody"),
        (["receipt", accepted.case_no, "--out", str(out_dir / "r.pdf"), "--user", "auditor"], "--user: auditor"),
        (["summary"], "zhanchi print: 参数错误"),
    ]
    for args, prefix in cases:
        code, out, err = zhanchi(capsys, store.data_dir, "print", *args)
        assert code == 2, args
        assert out == "", args
        one_line_error(err, prefix)
    assert list(out_dir.iterdir()) == [] and printed(store, accepted) == []


def test_an_empty_data_folder_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "typo"
    code, _, err = zhanchi(capsys, data_dir, "print", "receipt", "440100-ZZZZ-20261127-0001",
                           "--out", str(tmp_path / "r.pdf"))
    assert code == 2
    one_line_error(err, "CASE_NO: 没有此案件")
    assert not (data_dir / DB_FILENAME).exists()


def test_as_a_real_process(store: Store, accepted: CaseRecord, out_dir: Path) -> None:
    require_tool("pdftotext")
    out = out_dir / "受理回执.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(store.data_dir), "print", "receipt", accepted.case_no,
         "--out", str(out), "--user", "clerk"],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reprint"] == 0
    assert accepted.case_no in flat(pdf_text(out))
    with store.session(readonly=True) as session:
        assert audit.verify(session).ok


def test_cli_names_match_the_service() -> None:
    assert print_commands.KINDS == case_documents.KINDS
    assert print_commands.FORMATS == case_documents.FORMATS
    assert print_commands.KIND_LABELS == case_documents.KIND_LABELS


def test_print_payment_notice_and_withdrawal(store: Store, people: dict[str, StaffUser], draft: CaseRecord,
                                             accepted: CaseRecord, out_dir: Path,
                                             capsys: pytest.CaptureFixture[str], advance: Any) -> None:
    """Issue 17.9: the two new documents are reachable from the command line, refused in one line naming
    CASE_NO where the case cannot have them."""
    out = out_dir / "p.pdf"
    code, _, err = zhanchi(capsys, store.data_dir, "print", "payment-notice", accepted.case_no, "--out", str(out))
    assert code == 2 and not out.exists()
    one_line_error(err, f"CASE_NO: {accepted.case_no}：案件状态为“")
    advance(accepted, State.payment_failed, reviewer=people["reviewer"], approver=people["approver"])
    code, stdout, err = zhanchi(capsys, store.data_dir, "print", "payment-notice", accepted.case_no,
                                "--out", str(out))
    assert code == 0, err
    assert json.loads(stdout) == {"case_no": accepted.case_no, "kind": "payment_notice", "out": str(out),
                                  "reprint": 0}
    assert "发放失败补正通知书" in flat(pdf_text(out)) and "账户已销户" in flat(pdf_text(out))

    transition(store, people["clerk"], draft.id, State.withdrawn, note="本人撤回")
    roll = out_dir / "w.pdf"
    code, stdout, err = zhanchi(capsys, store.data_dir, "print", "withdrawal", draft.case_no, "--out", str(roll),
                                "--format", "80mm")
    assert code == 0, err
    assert json.loads(stdout)["kind"] == "withdrawal"
    assert "申请撤回确认书" in flat(pdf_text(roll)) and "本人撤回" in flat(pdf_text(roll))
    assert [e.actor for e in printed(store, draft)] == ["clerk"]  # the clerk who recorded the withdrawal
