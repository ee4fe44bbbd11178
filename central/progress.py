"""The applicant's progress (issue 19.2): the answer behind the page a receipt's QR code opens.

Both the case number and the lookup code must match (the code is kept only as its keyed hash,
``central.protect``).  The answer says where the case is on the timeline 受理 → 审核 → 公示 → 审批 → 发放,
what the applicant does next in plain words, what to bring back while materials are missing, and the
amount once approved — and nothing else personal but the masked name.  A successful lookup is noted on
the case once a day (an annotation for its office).
"""

from __future__ import annotations

import json
import uuid
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from central.db import Sequences, case_notes, cases, read, utcnow, write
from central.protect import LookupKey
from desktop.models.cases import State
from desktop.models.masking import mask_name
from wire import (
    ANNOTATION_STATUS,
    STREAM_ANNOTATIONS,
    STREAM_LEDGER,
    ProgressAnswer,
    ProgressStep,
    StepStatus,
)

OFFICE_TZ = ZoneInfo("Asia/Shanghai")

STEPS = (("accept", "受理"), ("review", "审核"), ("publicity", "公示"), ("approval", "审批"), ("payment", "发放"))
# Where each state stands: the step under way (index into STEPS), and whether the case stopped there.
_POSITION: dict[State, tuple[int, bool]] = {
    State.draft: (0, False),
    State.accepted: (1, False),
    State.under_review: (1, False),
    State.rejected: (1, True),
    State.publicized: (2, False),
    State.approved: (4, False),
    State.paid: (5, False),
    State.payment_failed: (4, True),
    State.withdrawn: (0, True),
}
_NEXT_STEP: dict[State, str] = {
    State.draft: "申请材料尚不齐全。请按受理窗口出具的一次性告知书，带齐下列材料到受理窗口补正；补齐后即予受理。",
    State.accepted: "申请已受理，正在审核（一般在受理后5个工作日内完成），无需再提交材料。",
    State.under_review: "正在审核（一般在受理后5个工作日内完成），无需再提交材料。",
    State.rejected: "经审核不予核发。不予核发的理由和依据见书面决定书；对决定不服的，可以自收到决定书之日起"
                    "六十日内申请行政复议，或者六个月内提起行政诉讼（受理机关见决定书）。",
    State.publicized: "审核通过，正在公示（不少于5个工作日）；公示期满无异议后审批发放。",
    State.approved: "已审批，补贴将直接发放到您本人的银行账户或社会保障卡，无需再办理手续。",
    State.paid: "补贴已发放到您本人的账户，请查收。",
    State.payment_failed: "银行未能将补贴发放到您的账户。请带本人身份证和本人的银行卡（或有金融功能的社会保障卡）"
                          "到受理窗口更换收款账户。",
    State.withdrawn: "申请已撤回。如需重新申请，请在申请期限内到受理窗口办理。",
}
# What the applicant reads (the counter's own words where they differ: a draft waits for materials).
_APPLICANT_LABEL = {State.draft: "待补正", State.rejected: "不予核发"}
_STOPPED_TEXT = {State.rejected: "不予核发", State.payment_failed: "未成功", State.withdrawn: "已撤回"}
_STATUS_TEXT = {"done": "已完成", "current": "正在办理", "todo": "未开始"}


def timeline(state: State) -> list[ProgressStep]:
    position, stopped = _POSITION[state]
    steps = []
    for index, (key, label) in enumerate(STEPS):
        status: StepStatus
        if index < position:
            status = "done"
        elif index == position:
            status = "stopped" if stopped else "current"
        else:
            status = "todo"
        text = _STOPPED_TEXT[state] if status == "stopped" else _STATUS_TEXT[status]
        steps.append(ProgressStep(key=key, label=label, status=status, status_text=text))
    return steps


@lru_cache(maxsize=1)
def _policy_book() -> Any:
    from desktop.models.policy import PolicyBook, default_policy_dirs

    return PolicyBook.load(default_policy_dirs())


def _missing_materials(payload: dict[str, Any]) -> list[str]:
    """The names of the materials still missing, from the national list the case was filed under (items
    the office checks itself are never the applicant's, POLICY.md §4)."""
    from desktop.models.errors import ZhanchiError
    from desktop.models.policy import OFFICE_CHECKED_CODES

    materials = payload.get("materials")
    codes = materials.get("missing", []) if isinstance(materials, dict) else []
    wanted = [c for c in codes if isinstance(c, str) and c not in OFFICE_CHECKED_CODES]
    if not wanted:
        return []
    try:
        names = {m.code: m.name for m in _policy_book().national(str(payload.get("policy_id", ""))).materials}
    except (ZhanchiError, KeyError):
        names = {}
    return [names.get(code, code) for code in wanted]


def progress(engine: Engine, case_no: str, lookup_code: str, lookup_key: LookupKey) -> ProgressAnswer | None:
    """The case's progress when both the case number and its lookup code match, else None."""
    case_no = "".join(case_no.split()).upper()
    with read(engine) as conn:
        row = conn.execute(
            select(cases.c.id, cases.c.case_no, cases.c.office_code, cases.c.state, cases.c.applicant_name,
                   cases.c.lookup_code, cases.c.payload_json, cases.c.updated_at).where(cases.c.case_no == case_no)
        ).first()
    if row is None or not lookup_key.matches(row.lookup_code, case_no, lookup_code):
        return None
    try:
        state = State(row.state)
    except ValueError:
        return None
    payload = json.loads(row.payload_json)
    amount = payload.get("amount_yuan") if state in (State.approved, State.paid, State.payment_failed) else None
    answer = ProgressAnswer(
        case_no=row.case_no, state=row.state, state_label=_APPLICANT_LABEL.get(state, state.label),
        applicant=mask_name(row.applicant_name),
        office_code=row.office_code, updated_at=row.updated_at, steps=timeline(state), next_step=_NEXT_STEP[state],
        missing_materials=_missing_materials(payload) if state is State.draft else [],
        amount_yuan=amount if isinstance(amount, int) and not isinstance(amount, bool) else None,
    )
    _note_lookup(engine, row, answer)
    return answer


def _note_lookup(engine: Engine, row: Any, answer: ProgressAnswer) -> None:
    now = utcnow()
    today = now.astimezone(OFFICE_TZ).date()
    with read(engine) as conn:
        last = conn.scalar(
            select(func.max(case_notes.c.created_at))
            .where(case_notes.c.case_id == row.id, case_notes.c.kind == ANNOTATION_STATUS)
        )
    if last is not None and last.astimezone(OFFICE_TZ).date() == today:
        return
    with write(engine) as conn:
        seqs = Sequences(conn, (STREAM_ANNOTATIONS, STREAM_LEDGER))  # the same locks, same order, as a push
        conn.execute(case_notes.insert().values(
            id=str(uuid.uuid4()), case_id=row.id, case_no=row.case_no, office_code=row.office_code,
            kind=ANNOTATION_STATUS, message=f"申请人已查询办理进度（当时状态：{answer.state_label}）",
            details_json=json.dumps({"state": row.state, "day": today.isoformat()}, ensure_ascii=False),
            created_at=now, seq=seqs.next(STREAM_ANNOTATIONS),
        ))
        seqs.flush()


__all__ = ["STEPS", "progress", "timeline"]
