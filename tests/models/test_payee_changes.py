"""A payee change after approval needs a second person (issue 14.6; 40号 二(三): the applicant's own account)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_payments import approved, team, verifier  # noqa: F401 - the fixtures of the payment tests

from desktop.models import audit, payee_changes, payments
from desktop.models.card_bins import bank_mismatch, issuing_bank
from desktop.models.cases import CaseRecord, get_case
from desktop.models.errors import Conflict, InvalidInput, PermissionDenied
from desktop.models.store import Store


def test_the_approver_alone_cannot_redirect_an_approved_payment(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]], tmp_path: Path  # noqa: F811
) -> None:
    """The attack of issue 14.6: the approver who approved changes the payee and exports it."""
    (case,) = approved(1)
    proposal = payments.correct_account(store, team.approver, case.id, note="申请人换卡",
                                        account="6217000000000000018", bank_name="建设银行")
    assert get_case(store, case.id).payment_account == "6222020200000000001"  # unchanged until confirmed
    assert proposal.describe().startswith("收款账号改为 6217")
    with pytest.raises(Conflict, match="收款账户变更待另一人确认"):
        payments.export_payments(store, team.approver, tmp_path / "pay.csv")
    with pytest.raises(PermissionDenied, match="另一人确认"):
        payee_changes.confirm_payee_change(store, team.approver, case.id)
    with pytest.raises(Conflict, match="已有一项收款账户变更待确认"):
        payments.correct_account(store, team.approver, case.id, note="再改", bank_name="农业银行")
    payee_changes.decline_payee_change(store, team.supervisor, case.id, "申请人未到场核实")
    assert get_case(store, case.id).payment_account == "6222020200000000001"
    assert [i.case_no for i in payments.export_payments(store, team.approver, tmp_path / "pay.csv").items] == [
        case.case_no]  # the approved account, as reviewed and published
    with store.session(readonly=True) as session:
        actions = [e.action for e in audit.entries(session, entity="case", entity_id=case.id)]
    assert "payment.propose_account" in actions and "payment.decline_account" in actions


def test_the_account_is_the_applicants_own(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]]  # noqa: F811
) -> None:
    (case,) = approved(1)
    with pytest.raises(InvalidInput, match="不是申请人本人"):
        payments.correct_account(store, team.approver, case.id, note="转给家属", account="6217000000000000018",
                                 holder_name="李四")


def test_a_card_of_another_bank_than_named_is_warned_about(
    store: Store, team: SimpleNamespace, approved: Callable[..., list[CaseRecord]]  # noqa: F811
) -> None:
    assert issuing_bank("6222020200112233445") == "工商银行" and issuing_bank("1234560000") is None
    assert bank_mismatch("6222020200112233445", "中国工商银行股份有限公司") is None
    assert bank_mismatch("6222020200112233445", "建设银行") is not None
    assert bank_mismatch("1234560000000000", "建设银行") is None  # an unknown BIN says nothing
    (case,) = approved(1)
    proposal = payments.correct_account(store, team.approver, case.id, note="申请人换卡", bank_name="建设银行")
    assert proposal.bank_warning is not None and "工商银行" in proposal.bank_warning
