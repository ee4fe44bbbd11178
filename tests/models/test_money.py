"""Money is an integer number of yuan, never a float (POLICY.md §1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.models.money import format_yuan, yuan_in_capitals


@pytest.mark.parametrize(
    ("amount", "capitals"),
    [
        (1500, "壹仟伍佰元整"),
        (1000, "壹仟元整"),
        (2000, "贰仟元整"),
        (0, "零元整"),
        (1001, "壹仟零壹元整"),
        (10010, "壹万零壹拾元整"),
    ],
)
def test_capitals(amount: int, capitals: str) -> None:
    """POLICY.md §1: the caps 1000 / 1500 / 2000 yuan in financial capitals."""
    assert yuan_in_capitals(amount) == capitals


@pytest.mark.parametrize(
    ("amount", "text"), [(1500, "1,500 元"), (0, "0 元"), (999, "999 元"), (1234567, "1,234,567 元")]
)
def test_format_yuan(amount: int, text: str) -> None:
    assert format_yuan(amount) == text


@pytest.mark.parametrize("bad", [1500.0, True, False, "1500", Decimal("1500"), None])
def test_non_int_amounts_are_rejected(bad: object) -> None:
    """POLICY.md §1: money is never a float (nor a bool, a string or a Decimal)."""
    with pytest.raises(TypeError):
        yuan_in_capitals(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_yuan(bad)  # type: ignore[arg-type]
