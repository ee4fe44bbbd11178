"""Masking of personal data for lists, logs and the publicity notice (POLICY.md §5)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.masking import mask_account, mask_id, mask_name, mask_phone

PROPS = settings(max_examples=150, deadline=None, database=None)


def test_mask_id_18() -> None:
    assert mask_id("440106199001011232") == "440106********1232"


def test_mask_id_normalises_first() -> None:
    assert mask_id(" ４４０１０６ 19900101123x") == "440106********123X"


def test_mask_id_15_digit_old_number() -> None:
    assert mask_id("440106900101123") == "440106*****1123"


@pytest.mark.parametrize("raw", ["", "1", "4401061232", "44010619900"])
def test_mask_id_short_input_is_all_stars(raw: str) -> None:
    assert mask_id(raw) == "*" * len(raw)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三梅", "张*梅"),
        ("张三", "张*"),
        ("欧阳修明", "欧**明"),
        ("阿依古丽·买买提", "阿******提"),
        ("李", "李"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    """POLICY.md §5: publicity list shows the name partly masked."""
    assert mask_name(name) == masked


def test_mask_name_strips_spaces() -> None:
    assert mask_name(" 张 三梅 ") == "张*梅"


def test_mask_account() -> None:
    assert mask_account("6222 0212 3456 7890 128") == "6222***********0128"
    assert mask_account("622202123456") == "6222****3456"
    assert mask_account("62220212345") == "*" * 11  # too short to keep head and tail


def test_mask_phone() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_phone("1381234") == "*******"


@PROPS
@given(st.text(alphabet="0123456789X", min_size=0, max_size=25))
def test_property_mask_id_never_reveals_the_middle(number: str) -> None:
    masked = mask_id(number)
    assert len(masked) == len(number)
    assert set(masked[6:-4] if len(number) > 10 else masked) <= {"*"}
    # never the whole value, unless there is nothing to hide
    assert masked != number or number == ""


@PROPS
@given(st.text(alphabet="0123456789", min_size=0, max_size=25))
def test_property_mask_account_never_reveals_the_middle(account: str) -> None:
    masked = mask_account(account)
    assert len(masked) == len(account)
    assert set(masked[4:-4] if len(account) > 8 else masked) <= {"*"}
    assert masked != account or account == ""


@PROPS
@given(st.text(alphabet="0123456789", min_size=0, max_size=15))
def test_property_mask_phone_never_reveals_the_middle(phone: str) -> None:
    masked = mask_phone(phone)
    assert set(masked[3:-4] if len(masked) > 7 else masked) <= {"*"}
    assert masked != phone or phone == ""


@PROPS
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=8))
def test_property_mask_name_never_reveals_the_middle(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name)
    assert masked[0] == name[0]
    assert set(masked[1:-1]) <= {"*"}
    assert masked != name
