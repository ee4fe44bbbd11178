"""An applicant's progress lookup (``/v1/progress``): the case number and lookup code from the receipt,
and the case's timeline without personal data."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from wire.limits import CASE_NO_PATTERN, LOOKUP_CODE_PATTERN
from wire.message import AwareDatetime, Message


class ProgressQuery(Message):
    case_no: str = Field(min_length=1, max_length=40, pattern=CASE_NO_PATTERN)
    lookup_code: str = Field(min_length=1, max_length=16, pattern=LOOKUP_CODE_PATTERN)


StepStatus = Literal["done", "current", "todo", "stopped"]


class ProgressStep(Message):
    """One step of the timeline 受理 → 审核 → 公示 → 审批 → 发放."""

    key: str
    label: str
    status: StepStatus
    status_text: str = Field(default="", description="the status in words: 已完成, 正在办理, 未开始, 不予核发 …")


class ProgressAnswer(Message):
    """A case's progress for its applicant: no personal data beyond the masked name (and the amount once
    approved)."""

    case_no: str
    state: str
    state_label: str
    applicant: str = Field(description="masked name, e.g. 张*")
    office_code: str
    updated_at: AwareDatetime
    steps: list[ProgressStep] = Field(default_factory=list)
    next_step: str = Field(default="", description="what the applicant does next, in plain words")
    missing_materials: list[str] = Field(default_factory=list, description="what to bring back (待补正)")
    amount_yuan: int | None = Field(default=None, description="the subsidy, once approved")


__all__ = ["ProgressAnswer", "ProgressQuery", "ProgressStep", "StepStatus"]
