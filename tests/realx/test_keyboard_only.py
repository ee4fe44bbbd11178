"""Keyboard-only work at the intake form (issue 16.7's Ctrl+N, 16.8), with keys from ``xdotool`` on a real X
server, bare and under openbox: Enter walks every field, the focused field is marked, Ctrl+N never drops a
filled form and lands on the ID field, the ID field takes the focus again after a dialog or a preview, and
Enter in the progress lookup searches.
"""

from __future__ import annotations

from typing import Any

import pytest
from xdesk import Desk

pytestmark = pytest.mark.gui

# The intake form in the paper application's order, then the materials list and the 受理 button.
ENTER_ORDER = (
    "intake.id_number", "intake.name", "intake.phone", "intake.contribution_months", "intake.insured_region",
    "intake.receiving_benefit", "intake.employer_name", "intake.employer_uscc", "intake.cert_kind",
    "intake.cert_number", "intake.cert_level", "intake.occupation", "intake.cert_issue_date", "intake.shortage",
    "intake.payment_kind", "intake.payment_account", "intake.bank_name", "case.accept",
)
FOCUS_FILL = "#fff4c2"  # desktop/views/keyboard_nav.py


def asking(desk: Desk) -> None:
    """The Ctrl+N question is open and has the keys (a window manager gives them a moment later)."""
    desk.wait_for(lambda s: s["dialogs"] == ["intake.new_case_question"]
                  and s["active_window"] == "intake.new_case_question")


def test_enter_walks_every_field_check_boxes_and_lists_included(fresh_case: Desk) -> None:
    desk = fresh_case
    seen = [desk.state()["focus"]]
    for _ in ENTER_ORDER[1:]:
        before: str = seen[-1]

        def moved(state: dict[str, Any], before: str = before) -> bool:
            return bool(state["focus"] != before)

        desk.key("Return")
        seen.append(desk.wait_for(moved)["focus"])
    assert tuple(seen) == ENTER_ORDER  # the empty materials list is passed over
    state = desk.state()
    assert state["fields"]["intake.cert_kind"]["index"] == 0 and state["fields"]["intake.payment_kind"]["index"] == 0
    assert state["dialogs"] == []  # no drop-down opened, nothing accepted


def test_enter_on_a_check_box_moves_on_and_space_ticks_it(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.receiving_benefit")
    desk.key("space")
    desk.wait_for(lambda s: s["focus"] == "intake.receiving_benefit")
    desk.key("Return")
    state = desk.wait_for(lambda s: s["focus"] == "intake.employer_name")
    assert state["fields"]["intake.receiving_benefit"] is True  # ticked by Space, left by Enter


@pytest.mark.parametrize("name", ["intake.name", "intake.cert_level", "intake.shortage", "intake.contribution_months"])
def test_the_focused_field_is_marked(fresh_case: Desk, name: str) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.id_number")
    unmarked = desk.ask("fill", name=name)
    desk.ask("focus", name=name)
    desk.wait_for(lambda s: s["focus"] == name)
    marked = desk.ask("fill", name=name)
    assert marked["fill"] == FOCUS_FILL != unmarked["fill"]
    assert marked["border"] != unmarked["border"]


def test_ctrl_n_on_a_blank_form_goes_to_the_id_field_scrolled_into_view(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.bank_name")
    desk.ask("show", name="intake.bank_name", scroll=10_000)
    assert desk.state()["scroll"] > 0, "the form does not scroll at this size: the test shows nothing"
    desk.key("ctrl+n")
    state = desk.wait_for(lambda s: s["focus"] == "intake.id_number")
    assert state["scroll"] == 0 and state["dialogs"] == []


def test_ctrl_n_on_a_filled_form_asks_and_enter_keeps_everything(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.phone")
    desk.type("13912345678", delay_ms=60)
    desk.key("ctrl+n")
    asking(desk)
    desk.key("Return")  # the default: back to the form
    state = desk.wait_for(lambda s: s["dialogs"] == [])
    assert state["fields"]["intake.phone"] == "13912345678"
    desk.key("ctrl+n")
    asking(desk)
    desk.key("Escape")
    state = desk.wait_for(lambda s: s["dialogs"] == [])
    assert state["fields"]["intake.phone"] == "13912345678"
    assert state["focus"] == "intake.id_number"  # after the question, where the next key is wanted


def test_ctrl_n_then_discard_empties_the_form(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.bank_name")
    desk.type("ICBC", delay_ms=60)
    desk.key("ctrl+n")
    asking(desk)
    desk.click("intake.new_case.discard")
    state = desk.wait_for(lambda s: s["dialogs"] == [] and s["fields"]["intake.bank_name"] == "")
    assert state["focus"] == "intake.id_number" and state["scroll"] == 0


def test_ctrl_n_then_keep_files_the_applicant_waiting_for_materials(fresh_case: Desk) -> None:
    """F6 in the question files the form as a 待补正 case and starts the next one."""
    desk = fresh_case
    id_number = next(iter(desk.prepared["people"]))
    desk.scan(id_number)  # the registry fills the person and the certificate
    desk.wait_for(lambda s: s["fields"]["intake.cert_number"] == desk.prepared["certificate"])
    desk.ask("focus", name="intake.payment_account")
    desk.type("6222020200112233445", delay_ms=30)
    desk.key("Tab")
    desk.type("ICBC", delay_ms=30)
    desk.key("ctrl+n")
    asking(desk)
    desk.key("F6")
    state = desk.wait_for(lambda s: s["dialogs"] == [] and "待补正" in s["message"], timeout=10)
    assert state["fields"]["intake.id_number"] == "" and state["focus"] == "intake.id_number"


def test_ctrl_n_then_keep_with_a_form_the_core_refuses_loses_nothing(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.scan(next(iter(desk.prepared["people"])))  # a whole applicant but for the account
    desk.wait_for(lambda s: s["fields"]["intake.cert_number"] == desk.prepared["certificate"])
    desk.ask("focus", name="intake.bank_name")
    desk.type("ICBC", delay_ms=30)
    desk.key("ctrl+n")
    asking(desk)
    desk.key("F6")
    # Not filed: the account is missing, said beside it, and the cursor is there, not in the ID field.
    state = desk.wait_for(lambda s: s["dialogs"] == [] and s["focus"] == "intake.payment_account")
    assert state["fields"]["intake.bank_name"] == "ICBC" and state["fields"]["intake.id_number"], "nothing is lost"


def test_the_id_field_takes_the_focus_after_a_receipt_preview(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("focus", name="intake.bank_name")
    desk.ask("show", name="intake.bank_name", scroll=10_000)
    desk.ask("preview_receipt")
    desk.wait_for(lambda s: s["dialogs"] == ["document.preview"] and s["active_window"] == "document.preview")
    desk.key("Escape")
    state = desk.wait_for(lambda s: s["dialogs"] == [] and s["focus"] == "intake.id_number")
    assert state["scroll"] == 0


def test_enter_in_the_progress_lookup_searches_and_keeps_it_open(fresh_case: Desk) -> None:
    desk = fresh_case
    desk.ask("progress_lookup")
    desk.wait_for(lambda s: s["dialogs"] == ["progress.dialog"] and s["focus"] == "progress.case_no"
                  and s["active_window"] == "progress.dialog")
    desk.type(desk.prepared["case_no"], delay_ms=30)
    desk.key("Return")  # on to the code
    desk.wait_for(lambda s: s["focus"] == "progress.code")
    desk.type(desk.prepared["lookup_code"], delay_ms=30)
    desk.key("Return")  # searches: this desk is not enrolled with a central system, and says so
    desk.wait_for(lambda s: "未注册" in (desk.ask("label", dialog="progress.dialog", name="progress.answer")["text"]
                                        or ""))
    assert desk.state()["dialogs"] == ["progress.dialog"]
    desk.key("Escape")
    state = desk.wait_for(lambda s: s["dialogs"] == [])
    assert state["focus"] == "intake.id_number"


def test_a_whole_case_by_keyboard_to_paper(fresh_case: Desk, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Scan the ID card, Enter down to the account, type it, Enter into the materials list, Space ticks
    each, Enter on to 受理, F9: the receipt goes to the printer (a PDF file stands in for it) and the
    audit says printed (issue 16.12)."""
    desk = fresh_case
    paper = tmp_path_factory.mktemp("printer") / "receipt.pdf"
    desk.ask("file_printer", path=str(paper))
    desk.scan(next(iter(desk.prepared["people"])))
    desk.wait_for(lambda s: s["fields"]["intake.cert_number"] == desk.prepared["certificate"])
    desk.ask("focus", name="intake.payment_account")
    desk.type("6222020200112233445", delay_ms=30)
    desk.key("Return")
    desk.type("ICBC", delay_ms=30)
    state = desk.wait_for(lambda s: s["eligible"] is True and any(i["enabled"] for i in s["checklist"]))
    desk.key("Return")  # into the materials list, at its first row to hand in
    state = desk.wait_for(lambda s: s["focus"] == "checklist.items")
    for _ in [i for i in state["checklist"] if i["enabled"]]:
        desk.key("space", "Return")  # tick it, on to the next (after the last: the 受理 button)
    state = desk.wait_for(lambda s: s["focus"] == "case.accept")
    assert all(i["checked"] for i in state["checklist"] if i["enabled"])
    desk.key("F9")
    state = desk.wait_for(lambda s: "已受理" in s["message"], timeout=10)
    case_no = state["message"].split("：")[-1]
    entries = desk.wait_for(lambda s: paper.exists() and len(desk.ask("audit", case_no=case_no)["entries"]) == 2)
    actions = [e["action"] for e in desk.ask("audit", case_no=case_no)["entries"]]
    assert actions == ["document.receipt", "document.printed"]
    assert entries["dialogs"] == [] and entries["focus"] == "intake.id_number"
