"""Money is an integer number of yuan — never a float (POLICY.md §1)."""

from __future__ import annotations


def _require_int(amount: object) -> int:
    # bool is an int subclass; True yuan is a bug, not an amount.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be an int number of yuan, not {type(amount).__name__}")
    return amount


def yuan_in_capitals(amount: int) -> str:
    """Amount in Chinese financial capitals for receipts: 1500 → 壹仟伍佰元整, 0 → 零元整."""
    import cn2an  # compiles many regular expressions on import: loaded at the first amount, not at start

    value = _require_int(amount)
    return str(cn2an.an2cn(int(value), "rmb"))


def format_yuan(amount: int) -> str:
    """1500 → "1,500 元"."""
    return f"{_require_int(amount):,} 元"
