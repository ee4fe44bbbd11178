"""What every message is: a frozen pydantic model that ignores unknown fields, its times aware."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("时间须带时区（UTC ISO 8601，例如 2026-11-27T02:00:00+00:00）")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # 9999-12-31T23:59-10:00 is after the last instant Python can hold in UTC
        raise ValueError("时间超出可表示的范围") from None


AwareDatetime = Annotated[dt.datetime, AfterValidator(_aware)]


class Message(BaseModel):
    """Base of every message: unknown fields are ignored, so either side may add some."""

    model_config = ConfigDict(extra="ignore", frozen=True)


__all__ = ["AwareDatetime", "Message"]
