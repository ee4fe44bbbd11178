"""Format checks of POLICY.md §6 (identity numbers, USCC, bank cards, certificates)."""

from __future__ import annotations

import csv
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from desktop.models.errors import InvalidInput
from desktop.models.identity import (
    LUHN_WARNING,
    PROVINCE_PREFIXES,
    USCC_ALPHABET,
    BankCardCheck,
    IdInfo,
    certificate_format,
    certificate_level_digit,
    check_bank_card,
    check_id_number,
    check_mobile,
    check_region_code,
    check_uscc,
    id_check_character,
    id_check_matches,
    luhn_ok,
    normalize_certificate_number,
    normalize_id_number,
    uscc_check_character,
)
from desktop.models.reference import resource_dir

TODAY = dt.date(2025, 6, 1)
PROPS = settings(max_examples=150, deadline=None, database=None)

# Valid: 110105 (朝阳区), 1949-12-31, sequence 002 (female), check X.
VALID_ID = "11010519491231002X"


def make_id(first17: str) -> str:
    return first17 + id_check_character(first17)


def reason(exc: pytest.ExceptionInfo[InvalidInput]) -> str:
    return exc.value.reason


# ---------------------------------------------------------------- strategies

prefixes = st.sampled_from(sorted(PROVINCE_PREFIXES))
county_digits = st.text(alphabet="0123456789", min_size=4, max_size=4)
births = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    first17 = draw(prefixes) + draw(county_digits) + draw(births).strftime("%Y%m%d") + f"{draw(sequences):03d}"
    return make_id(first17)


_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789X"}


@st.composite
def messy_variants(draw: st.DrawFn, number: str) -> str:
    """The same number as a person might type or paste it."""
    out: list[str] = []
    for c in number:
        if draw(st.booleans()):
            c = _FULLWIDTH[c]
        if c in ("X", "Ｘ") and draw(st.booleans()):
            c = c.lower()
        out.append(c)
        out.append(draw(st.sampled_from(["", "", " ", "\u3000", "\t"])))
    return draw(st.sampled_from(["", " ", "\u3000"])) + "".join(out)


# ---------------------------------------------------------------- ID numbers


def test_valid_id_returns_info() -> None:
    info = check_id_number(VALID_ID, today=TODAY)
    assert info == IdInfo(number=VALID_ID, region_code="110105", birth_date=dt.date(1949, 12, 31), sex="女")


def test_odd_sequence_is_male() -> None:
    """POLICY.md §6: 3-digit sequence, odd = male."""
    info = check_id_number(make_id("44010619900101001"), today=TODAY)
    assert info.sex == "男"
    assert check_id_number(make_id("44010619900101002"), today=TODAY).sex == "女"


def test_full_width_spaces_and_lowercase_x_are_accepted() -> None:
    """POLICY.md §6: full-width digits, spaces and a lowercase x are accepted and normalised."""
    raw = "\u3000１１０１０５ １９４９１２３１ ００２ｘ "
    assert normalize_id_number(raw) == VALID_ID
    assert check_id_number(raw, today=TODAY).number == VALID_ID


def test_abolished_county_code_is_accepted() -> None:
    """POLICY.md §6: an ID whose region code no longer exists (440181 番禺市, abolished 2000) stays valid."""
    text = (resource_dir() / "regions" / "cncity.csv").read_text(encoding="utf-8-sig")
    current = {row["id"] for row in csv.DictReader(text.splitlines())}
    for region in ("440181", "513229"):
        assert region not in current  # the premise: these counties are gone
        number = make_id(f"{region}19850312123")
        info = check_id_number(number, today=TODAY)
        assert info.region_code == region
        assert info.birth_date == dt.date(1985, 3, 12)


@pytest.mark.parametrize(("raw", "length"), [("1101051949123100", 16), ("11010519491231002X1", 19), ("1", 1)])
def test_wrong_length(raw: str, length: int) -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number(raw, today=TODAY)
    assert reason(exc).startswith(f"身份证号码应为18位，实际{length}位")
    assert exc.value.field == "applicant.id_number"


def test_old_15_digit_number_gets_a_hint() -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number("110105491231002", today=TODAY)
    assert "实际15位" in reason(exc) and "18位" in reason(exc)


def test_empty_id() -> None:
    with pytest.raises(InvalidInput, match="请填写身份证号码"):
        check_id_number("  ", today=TODAY)


@pytest.mark.parametrize("raw", ["11010519491231002A", "1101051949123100X2", "11010519491231O02X"])
def test_bad_characters(raw: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number(raw, today=TODAY)
    assert "无效字符" in reason(exc)


def test_non_ascii_digits_are_bad_characters() -> None:
    """Arabic-Indic digits pass str.isdigit() but are not ID digits."""
    raw = "\u0661" + VALID_ID[1:]
    with pytest.raises(InvalidInput, match="无效字符"):
        check_id_number(raw, today=TODAY)


def test_wrong_check_character_names_the_right_one() -> None:
    """POLICY.md §6: ISO 7064 MOD 11-2 check character; the message says what it should be."""
    with pytest.raises(InvalidInput) as exc:
        check_id_number("110105194912310021", today=TODAY)
    assert "身份证号码校验位不正确（末位应为X）" in reason(exc)


def test_impossible_birth_date() -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number(make_id("11010519490231002"), today=TODAY)
    assert "19490231" in reason(exc) and "不存在" in reason(exc)


def test_birth_date_in_the_future() -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number(make_id("11010520250602002"), today=TODAY)
    assert reason(exc) == "身份证号码中的出生日期2025年6月2日晚于今天（2025年6月1日），请核对"
    # born today is fine
    assert check_id_number(make_id("11010520250601002"), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize(
    "prefix", ["00", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "70", "84", "91", "99"]
)
def test_unknown_province_prefix(prefix: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number(make_id(prefix + "010519491231002"), today=TODAY)
    assert f"“{prefix}”" in reason(exc) and "省级" in reason(exc)


@pytest.mark.parametrize("prefix", sorted(PROVINCE_PREFIXES))
def test_every_known_province_prefix(prefix: str) -> None:
    assert check_id_number(make_id(prefix + "999919491231002"), today=TODAY).region_code == prefix + "9999"


def test_custom_field_name() -> None:
    with pytest.raises(InvalidInput) as exc:
        check_id_number("123", field="household[2].id_number", today=TODAY)
    assert exc.value.field == "household[2].id_number"


@PROPS
@given(valid_ids())
def test_property_generated_ids_validate(number: str) -> None:
    """POLICY.md §6: any valid province prefix + county + date + sequence with the computed check passes."""
    # independent oracle; note stdnum wants the whole 18 characters and ignores the last
    assert ric.calc_check_digit(number) == number[17]
    info = check_id_number(number, today=TODAY)
    assert info.number == number
    assert info.sex == ("男" if int(number[14:17]) % 2 else "女")


@PROPS
@given(valid_ids(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_property_single_change_is_rejected(number: str, position: int, char: str) -> None:
    """ISO 7064 MOD 11-2 catches every single-character substitution."""
    if position < 17 and char == "X":
        char = "7"
    if number[position] == char:
        char = "0" if char != "0" else "1"
    changed = number[:position] + char + number[position + 1 :]
    if position < 17:
        assert id_check_character(changed[:17]) != changed[17]
    with pytest.raises(InvalidInput):
        check_id_number(changed, today=TODAY)


@PROPS
@given(st.data())
def test_property_messy_variants_normalise_to_the_same_number(data: st.DataObject) -> None:
    """POLICY.md §6: full-width, space, U+3000 and lowercase-x variants normalise to one number."""
    number = data.draw(valid_ids())
    variant = data.draw(messy_variants(number))
    assert normalize_id_number(variant) == number
    assert check_id_number(variant, today=TODAY).number == number


# ---------------------------------------------------------------- USCC


def test_known_uscc() -> None:
    assert check_uscc("91350100M000100Y43") == "91350100M000100Y43"
    assert check_uscc(" 9135 0100m000100y43\u3000") == "91350100M000100Y43"


@pytest.mark.parametrize("first", ["A", "N", "Y"])
def test_uscc_letter_first_is_accepted(first: str) -> None:
    """POLICY.md §6: the first character may be a letter (stdnum's validate wrongly rejects it)."""
    body = first + "1440101MA5ABCDE"
    body += "0" * (17 - len(body))
    code = body + uscc_check_character(body)
    assert check_uscc(code) == code


def test_uscc_wrong_check_names_expected() -> None:
    with pytest.raises(InvalidInput) as exc:
        check_uscc("91350100M000100Y44")
    assert "末位应为3" in reason(exc)
    assert exc.value.field == "employer.uscc"


@pytest.mark.parametrize("bad", ["I", "O", "S", "V", "Z", "-"])
def test_uscc_excluded_letters(bad: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        check_uscc("91350100M000100" + bad + "43")
    assert f"“{bad}”" in reason(exc)


def test_uscc_wrong_length() -> None:
    with pytest.raises(InvalidInput, match="应为18位，实际17位"):
        check_uscc("91350100M000100Y4")
    with pytest.raises(InvalidInput, match="请填写"):
        check_uscc("")


uscc_bodies = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@PROPS
@given(uscc_bodies)
def test_property_generated_uscc_validates(body: str) -> None:
    """POLICY.md §6: 18 characters over the GB 32100 alphabet with the computed check character."""
    code = body + uscc_check_character(body)
    assert check_uscc(code) == code
    assert check_uscc(code.lower()) == code


@PROPS
@given(st.sampled_from("ANY"), st.text(alphabet=USCC_ALPHABET, min_size=16, max_size=16))
def test_property_letter_first_uscc_validates(first: str, rest: str) -> None:
    """POLICY.md §6: codes starting with A, N or Y pass."""
    body = first + rest
    code = body + uscc_check_character(body)
    assert check_uscc(code) == code


@PROPS
@given(uscc_bodies, st.integers(min_value=0, max_value=17), st.sampled_from(USCC_ALPHABET))
def test_property_uscc_single_change_is_rejected(body: str, position: int, char: str) -> None:
    code = body + uscc_check_character(body)
    if code[position] == char:
        char = "0" if char != "0" else "1"
    changed = code[:position] + char + code[position + 1 :]
    with pytest.raises(InvalidInput, match="校验位不正确"):
        check_uscc(changed)


# ---------------------------------------------------------------- bank cards


def luhn_complete(payload: str) -> str:
    for d in "0123456789":
        if luhn_ok(payload + d):
            return payload + d
    raise AssertionError("unreachable")


def test_luhn_known_numbers() -> None:
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")
    assert not luhn_ok("")
    assert not luhn_ok("4111 1111 1111 1111")


def test_bank_card_normalised_and_ok() -> None:
    result = check_bank_card("４１１１-1111 1111\u30001111")
    assert result == BankCardCheck(number="4111111111111111", luhn_ok=True, warning=None)


def test_luhn_failure_is_only_a_warning() -> None:
    """POLICY.md §6: some real Chinese debit cards fail Luhn, so a failure is a warning, not a rejection."""
    result = check_bank_card("4111111111111112")
    assert result.number == "4111111111111112"
    assert result.luhn_ok is False
    assert result.warning == LUHN_WARNING
    assert "Luhn" in result.warning and "核对" in result.warning


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("12345678901", "实际11位"), ("1" * 20, "实际20位"), ("6222a21234567890", "无效字符“a”"), ("", "请填写")],
)
def test_bank_card_rejections(raw: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        check_bank_card(raw)
    assert fragment in reason(exc)
    assert exc.value.field == "payment.account"


def test_bank_card_length_bounds() -> None:
    assert check_bank_card("1" * 12).number == "1" * 12
    assert check_bank_card("1" * 19).number == "1" * 19


@PROPS
@given(st.text(alphabet="0123456789", min_size=11, max_size=18))
def test_property_luhn_valid_numbers_pass(payload: str) -> None:
    number = luhn_complete(payload)
    result = check_bank_card(number)
    assert result.luhn_ok and result.warning is None


@PROPS
@given(st.text(alphabet="0123456789", min_size=11, max_size=18), st.data())
def test_property_luhn_single_change_only_warns(payload: str, data: st.DataObject) -> None:
    number = luhn_complete(payload)
    position = data.draw(st.integers(min_value=0, max_value=len(number) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    changed = number[:position] + digit + number[position + 1 :]
    result = check_bank_card(changed)  # never raises
    assert result.luhn_ok is False and result.warning == LUHN_WARNING


# ---------------------------------------------------------------- certificates


def test_certificate_example_level_4() -> None:
    """POLICY.md §6: national skill-level certificate, 16th character is the level."""
    assert certificate_format("S000144000123174000056") == "skill_level_national"
    assert certificate_level_digit("S000144000123174000056") == 4


def test_certificate_normalisation() -> None:
    assert normalize_certificate_number(" ｓ0001 4400\u30000123174000056 ") == "S000144000123174000056"
    assert certificate_level_digit("s0001 44000123174000056") == 4


def test_certificate_employer_assessed_y_prefix() -> None:
    number = "Y" + "0" * 14 + "3" + "0" * 6
    assert len(number) == 22
    assert certificate_format(number) == "skill_level_national"
    assert certificate_level_digit(number) == 3


def test_old_qualification_certificate() -> None:
    """POLICY.md §6: old vocational qualification certificates are 16 digits, the 11th is the level."""
    number = "1234567890" + "5" + "12345"
    assert certificate_format(number) == "qualification_old"
    assert certificate_level_digit(number) == 5


@pytest.mark.parametrize(
    "number",
    [
        "X000144000123174000056",
        "S00014400012317400005",
        "S0001440001231740000567",
        "粤职鉴2019-001",
        "",
        "S000144000123170000056",
    ],
)
def test_other_formats_carry_no_level(number: str) -> None:
    """POLICY.md §6: other formats exist and are stored as given; no level digit (or one outside 1-5)."""
    assert certificate_level_digit(number) is None


def test_level_digit_outside_1_to_5() -> None:
    assert certificate_level_digit("S000144000123170000056") is None  # 0
    assert certificate_level_digit("S000144000123179000056") is None  # 9
    assert certificate_level_digit("1234567890" + "0" + "12345") is None
    assert certificate_format("S000144000123179000056") == "skill_level_national"


def test_other_format_examples() -> None:
    assert certificate_format("粤职鉴2019-001") == "other"
    assert certificate_format("123456789012345") == "other"


# ---------------------------------------------------------------- regions, mobiles


def test_region_code_checks() -> None:
    assert check_region_code(" ４４０１０６ ", "applicant.insured_region") == "440106"
    assert check_region_code("440181", "applicant.insured_region") == "440181"  # abolished: POLICY.md §6
    with pytest.raises(InvalidInput) as exc:
        check_region_code("4401", "applicant.insured_region")
    assert exc.value.field == "applicant.insured_region" and "6位数字" in reason(exc)
    with pytest.raises(InvalidInput, match="“99”"):
        check_region_code("990106", "x")
    with pytest.raises(InvalidInput, match="请填写"):
        check_region_code("", "x")


def test_region_code_full_width_is_normalised_policy_1_insured_region() -> None:
    """POLICY.md §1 insured_region / §6: full-width digits and spaces (U+3000 too) are what people paste."""
    assert check_region_code("４４０１００", "insured_region") == "440100"
    assert check_region_code("\u3000４４０１０６ ", "insured_region") == "440106"


@pytest.mark.parametrize("raw", ["²²²²²²", "①②③④⑤⑥", "٤٤٠١٠٠", "𝟒𝟒𝟎𝟏𝟎𝟎"])
def test_region_code_digits_nfkc_invents_are_refused_policy_1_insured_region(raw: str) -> None:
    """POLICY.md §1 insured_region: NFKC turns ²²²²²² into 222222 (a former code of 通化县) and
    mathematical or Arabic-Indic digits into ASCII; nobody types a region code with them."""
    with pytest.raises(InvalidInput) as exc:
        check_region_code(raw, "insured_region")
    assert exc.value.field == "insured_region" and "无效字符" in reason(exc)


@pytest.mark.parametrize("raw", ["999999", "440199", "110299"])
def test_region_code_not_in_the_region_list_is_refused_policy_1_insured_region(raw: str) -> None:
    """POLICY.md §1 insured_region: codes are validated against the region list."""
    with pytest.raises(InvalidInput) as exc:
        check_region_code(raw, "application_region")
    assert exc.value.field == "application_region" and raw[:2] in reason(exc)


@pytest.mark.parametrize("code", ["110228", "440181", "510202", "120119"])
def test_region_code_former_and_newer_codes_are_listed_policy_1_insured_region(code: str) -> None:
    """POLICY.md §1 insured_region: former codes (密云县, 番禺市, 四川省重庆市渝中区) and codes newer than
    cncity.csv (蓟州区, 2016) are in the region list (resources/regions/history.csv)."""
    assert check_region_code(code, "insured_region") == code


@pytest.mark.parametrize(
    "raw", ["13812345678", "+86 138 1234 5678", "86-138-1234-5678", "１３８１２３４５６７８", "19912345678"]
)
def test_mobile_accepted(raw: str) -> None:
    assert check_mobile(raw) in ("13812345678", "19912345678")


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "02012345678", "", "+1 138 1234 5678"])
def test_mobile_rejected(raw: str) -> None:
    with pytest.raises(InvalidInput) as exc:
        check_mobile(raw)
    assert exc.value.field == "phone"


def test_random_sample_of_real_shape_ids() -> None:
    """A fixed-seed batch beside hypothesis, so a regression shows a concrete number."""
    rng = random.Random(20250601)
    for _ in range(50):
        prefix = rng.choice(sorted(PROVINCE_PREFIXES))
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(20000))
        number = make_id(f"{prefix}{rng.randrange(10000):04d}{birth:%Y%m%d}{rng.randrange(1000):03d}")
        assert check_id_number(number, today=TODAY).birth_date == birth


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_property_the_one_check_character_is_gb_11643s_weighted_sum(first17: str) -> None:
    """GB 11643-1999: the check character is 10X98765432 at Σ dᵢ·2^(17−i) mod 11 — the textbook sum, against
    the one fast implementation every path uses (``id_check_character`` and ``id_check_matches``, issue 18.3)."""
    textbook = "10X98765432"[sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17)) % 11]
    assert id_check_character(first17) == textbook
    assert id_check_matches(first17 + textbook)
    assert not id_check_matches(first17 + ("0" if textbook != "0" else "1"))


@pytest.mark.parametrize("bad", ["１" * 17, "1" * 16, "1" * 18, "1_" + "1" * 15, " " + "1" * 16, "١" * 17])
def test_a_check_character_is_asked_only_of_17_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError):
        id_check_character(bad)
