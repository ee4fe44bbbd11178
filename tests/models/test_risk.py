"""Risk monitoring points (展翅行动 二(五)): each raised by a case built to trip it, never by a clean one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from registry_fixtures import cert_number, certificate, certificates_csv, make_id

from desktop.models import audit, integrity, outbox, review, risk
from desktop.models.application import Intake
from desktop.models.cases import CaseRecord
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied, PolicyError
from desktop.models.identity import uscc_check_character
from desktop.models.intake import file_case
from desktop.models.registry import import_registry
from desktop.models.registry_files import read_registry
from desktop.models.risk import RiskCode
from desktop.models.rules import Verifier
from desktop.models.staff import Role, StaffUser
from desktop.models.store import Store

MakeIntake = Callable[..., Intake]
USCC = "91440101MA5ABCDE1" + uscc_check_character("91440101MA5ABCDE1")


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier.load()


@pytest.fixture
def team(make_staff: Callable[..., StaffUser]) -> SimpleNamespace:
    return SimpleNamespace(**{role.value: make_staff(role, role.value) for role in Role})


@pytest.fixture
def thresholds() -> risk.Thresholds:
    return risk.default_thresholds()


@pytest.fixture
def case_for(store: Store, verifier: Verifier, team: SimpleNamespace,
             make_intake: MakeIntake) -> Callable[..., CaseRecord]:
    """``case_for(n, **changes)``: an accepted case of person n; changes: name, holder, account, cert, level,
    issue_date, employer (name, uscc)."""

    def make(n: int, **changes: Any) -> CaseRecord:
        name = changes.get("name", f"张晓{n}")
        intake = make_intake(
            applicant={"name": name, "id_number": make_id(n)},
            certificate={"number": changes.get("cert", cert_number(n)), "kind": changes.get("kind", "skill_level"),
                         "level": changes.get("level", 4), "occupation_code": "6-18-01-01",
                         "occupation_name": "车工", "issue_date": changes.get("issue_date", "2017-06-01")},
            payment={"kind": "bank", "account": changes.get("account", f"62220202{n:011d}"), "bank_name": "工商银行",
                     "holder_name": changes.get("holder", name)},
            employer=changes.get("employer", {"name": f"广州市第{n}机械有限公司", "uscc": ""}),
        )
        record, _ = file_case(store, verifier, team.clerk, intake, accept=True)
        return record

    return make


def codes(store: Store, team: SimpleNamespace, case: CaseRecord, thresholds: risk.Thresholds) -> set[RiskCode]:
    return {f.code for f in risk.assess_case(store, team.reviewer, case.id, thresholds=thresholds)}


def test_a_clean_case_raises_nothing(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], thresholds: risk.Thresholds
) -> None:
    case_for(1)
    clean = case_for(2)
    assert codes(store, team, clean, thresholds) == set()


def test_one_account_for_several_applicants(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], thresholds: risk.Thresholds
) -> None:
    first = case_for(1, account="6222020200000000001")
    again = case_for(2, account="6222020200000000001", holder="张晓1", name="张晓2")
    assert RiskCode.shared_account in codes(store, team, again, thresholds)
    (flag,) = [f for f in risk.flags_of(store, again.id) if f.code is RiskCode.shared_account]
    assert flag.details["cases"] == [first.case_no] and flag.details["account"] == "6222***********0001"
    assert "6222020200000000001" not in flag.message  # the account is masked in the flag
    # The same applicant applying twice (another level) with one account is not "several applicants".
    case_for(3, account="6222020200000000333")
    twice = case_for(3, account="6222020200000000333", cert=cert_number(33, level=3), level=3)
    assert codes(store, team, twice, thresholds) == set()


def test_account_holder_differs_from_the_applicant(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], thresholds: risk.Thresholds
) -> None:
    assert codes(store, team, case_for(1, holder="李四"), thresholds) == {RiskCode.holder_mismatch}
    # Spacing, full-width letters and the different middle dots of minority names are the same name.
    same = case_for(2, name="阿卜杜·买买提", holder="阿卜杜•买买提 ")
    assert codes(store, team, same, thresholds) == set()
    assert risk.holder_matches("ＡＢＣ", "abc") and not risk.holder_matches("张三", "")


def test_a_certificate_number_used_in_another_case(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], thresholds: risk.Thresholds
) -> None:
    first = case_for(1)
    copy = case_for(2, cert=cert_number(1))
    assert codes(store, team, copy, thresholds) == {RiskCode.certificate_reused}
    (flag,) = risk.flags_of(store, copy.id)
    assert flag.details == {"cases": [first.case_no], "other_applicants": 1} and "其他申请人" in flag.message


def test_declared_level_differs_from_the_number(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], thresholds: risk.Thresholds
) -> None:
    # The old 16-digit qualification number: its 11th digit is the level (5), the applicant declared 4.
    odd = case_for(1, cert="1234567890512345", kind="qualification")
    assert codes(store, team, odd, thresholds) == {RiskCode.level_digit_mismatch}
    assert codes(store, team, case_for(2, cert="1234567890412346", kind="qualification"), thresholds) == set()


def test_an_assessment_body_issuing_unusually_many_certificates(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], tmp_path: Path
) -> None:
    rows = [certificate(i, issuer="某某职业技能评价中心", issue_date=f"2017-06-{i:02d}") for i in range(1, 5)]
    rows += [certificate(i, issuer="广州市职业技能鉴定指导中心", issue_date="2017-06-01") for i in range(5, 7)]
    rows += [certificate(7, issuer="某某职业技能评价中心", issue_date="2017-09-01")]  # outside the window
    import_registry(store, read_registry(certificates_csv(tmp_path / "c.csv", rows), "certificates",
                                         today=dt.date(2026, 11, 27)), as_of=store.clock.now())
    tight = dataclasses.replace(risk.default_thresholds(), issuer_window_days=10, issuer_max_certificates=3)
    flagged = case_for(1)  # certificate 1 issued 2017-06-01 by the busy body: 4 within ±10 days
    assert codes(store, team, flagged, tight) == {RiskCode.issuer_volume}
    (flag,) = risk.flags_of(store, flagged.id)
    assert flag.details == {"issuer": "某某职业技能评价中心", "certificates": 4, "window_days": 10}
    assert codes(store, team, case_for(5), tight) == set()


def test_an_employer_claiming_for_unusually_many_certificates(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord]
) -> None:
    tight = dataclasses.replace(risk.default_thresholds(), employer_window_days=15, employer_max_cases=2)
    busy = {"name": "广州市某某培训咨询有限公司", "uscc": USCC}
    cases = [case_for(i, employer=busy, issue_date=f"2017-06-{i * 5:02d}") for i in range(1, 4)]
    assert codes(store, team, cases[1], tight) == {RiskCode.employer_volume}  # 06-05 ± 15 days: 3 cases
    assert codes(store, team, case_for(8, employer=busy, issue_date="2017-08-30"), tight) == set()
    quiet = {"name": "广州市另一家有限公司", "uscc": ""}
    assert codes(store, team, case_for(9, employer=quiet), tight) == set()


def test_applicant_or_employer_on_the_integrity_list(
    store: Store, team: SimpleNamespace, case_for: Callable[..., CaseRecord], thresholds: risk.Thresholds
) -> None:
    integrity.record_finding(store, team.reviewer, subject_kind="person", subject_id=make_id(1), subject_name="张晓1",
                             finding="2024年以伪造证书骗取技能提升补贴")
    integrity.record_finding(store, team.reviewer, subject_kind="employer", subject_id=USCC,
                             subject_name="广州市某某培训咨询有限公司", finding="组织职工代考")
    assert codes(store, team, case_for(1), thresholds) == {RiskCode.integrity_person}
    employer = {"name": "广州市某某培训咨询有限公司", "uscc": USCC}
    assert codes(store, team, case_for(2, employer=employer), thresholds) == {RiskCode.integrity_employer}
    assert codes(store, team, case_for(3), thresholds) == set()


def test_flags_are_raised_once_audited_and_cleared_with_a_note(
    store: Store, verifier: Verifier, team: SimpleNamespace, case_for: Callable[..., CaseRecord]
) -> None:
    case = case_for(1, holder="李四")
    review.start_review(store, verifier, team.reviewer, case.id)  # the review computes them
    (flag,) = risk.flags_of(store, case.id)
    risk.assess_case(store, team.reviewer, case.id)
    assert risk.flags_of(store, case.id) == [flag]  # not raised twice
    with pytest.raises(InvalidInput) as caught:
        risk.clear_flag(store, team.reviewer, flag.id, " ")
    assert caught.value.field == "note"
    for role in (Role.clerk, Role.approver, Role.auditor, Role.supervisor):
        with pytest.raises(PermissionDenied):
            risk.clear_flag(store, getattr(team, role.value), flag.id, "核实")
    cleared = risk.clear_flag(store, team.reviewer, flag.id, "户名为申请人曾用名，已核对户口本")
    assert not cleared.open and cleared.cleared_by == team.reviewer.username
    with pytest.raises(Conflict):
        risk.clear_flag(store, team.reviewer, flag.id, "再次")
    risk.assess_case(store, team.reviewer, case.id)
    assert risk.flags_of(store, case.id, open_only=True) == []  # a cleared flag stays cleared
    with store.session(readonly=True) as session:
        actions = [e.action for e in audit.entries(session, entity="case", entity_id=case.id)]
        assert actions.count("risk.flag") == 1 and actions.count("risk.clear") == 1
        events = [i for i in outbox.pending_items(session, 500) if i.op.startswith("case.risk")]
        assert [(i.entity, i.op, i.payload["event"]["risk_flag"]["code"]) for i in events] == [
            ("case", "case.risk_flagged", "holder_mismatch"), ("case", "case.risk_cleared", "holder_mismatch")]
        assert risk.open_counts(session)[RiskCode.holder_mismatch.value] == 0


# --- thresholds are data --------------------------------------------------------------------


def _write(folder: Path, text: str) -> Path:
    (folder / "risk").mkdir(parents=True, exist_ok=True)
    path = folder / "risk" / "thresholds.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
[shared_account]
max_applicants = 2
[issuer_volume]
window_days = 7
max_certificates = 50
[employer_volume]
window_days = 7
max_cases = 5
"""


def test_the_shipped_thresholds_load_and_a_data_folder_file_replaces_them(tmp_path: Path) -> None:
    shipped = risk.default_thresholds()
    assert shipped.shared_account_max_applicants == 1 and shipped.source == "thresholds.toml"
    _write(tmp_path, GOOD)
    local = risk.default_thresholds(tmp_path)
    assert (local.shared_account_max_applicants, local.issuer_window_days, local.employer_max_cases) == (2, 7, 5)


@pytest.mark.parametrize(("text", "key", "message"), [
    (GOOD.replace("max_cases = 5", ""), "employer_volume.max_cases", "缺少此项"),
    (GOOD.replace("max_cases = 5", "max_cases = 5\nmax_case = 4"), "employer_volume.max_case", "不认识"),
    (GOOD.replace("window_days = 7", 'window_days = "7"', 1), "issuer_volume.window_days", "整数"),
    (GOOD.replace("max_applicants = 2", "max_applicants = 0"), "shared_account.max_applicants", "不小于1"),
    (GOOD + "\n[other]\nx = 1\n", "other", "不认识"),
    (GOOD.replace("[employer_volume]\nwindow_days = 7\nmax_cases = 5", ""), "employer_volume", "缺少"),
    ("[shared_account\n", "TOML", "格式错误"),
])
def test_a_bad_thresholds_file_is_refused_naming_the_key(tmp_path: Path, text: str, key: str, message: str) -> None:
    with pytest.raises(PolicyError) as caught:
        risk.load_thresholds(_write(tmp_path, text))
    assert caught.value.key == key and message in str(caught.value)
