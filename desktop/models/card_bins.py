"""Which bank issued a card number (its BIN, the first 6 or 7 digits), to warn when the bank named
for a payee account is another one (issue 14.6).

The table is the ``cardbin`` package's (MIT licence; about 1,400 BINs of Chinese banks, 2019): a
warning only, never a refusal — a BIN it does not know says nothing, and a newer card of a known
bank may carry a BIN it lacks.
"""

from __future__ import annotations

import functools
import re

# Words that differ between how a bank is named and what it is: 中国工商银行 = 工商银行股份有限公司.
_NOISE = re.compile(r"^中国(?=.{2,}银行)|股份有限公司$|有限责任公司$|有限公司$|\s+")


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from cardbin.bankbin import BANKBIN  # about 70 kB of data: loaded at the first change

    return {prefix: entry.split("|", 1)[0] for prefix, entry in BANKBIN.items()}


def issuing_bank(account: str) -> str | None:
    """The bank the card number's BIN belongs to, or None when the table does not know it."""
    table = _table()
    return table.get(account[:7]) or table.get(account[:6])


def _core(name: str) -> str:
    return _NOISE.sub("", name)


def bank_mismatch(account: str, bank_name: str) -> str | None:
    """A warning in words when the card's BIN says another bank than ``bank_name``; else None."""
    issuer = issuing_bank(account)
    if issuer is None or not bank_name.strip():
        return None
    named, known = _core(bank_name), _core(issuer)
    if named in known or known in named:
        return None
    return f"卡号{account[:6]}开头的卡由{issuer}发行，与填写的开户银行“{bank_name.strip()}”不一致，请核对"
