"""Synthetic people, employers and certificates for the benchmark, derived from an index.

Every value of person ``j`` comes from a 64-bit mix of ``j`` (no random state to
carry, no table of a million people to keep): the registry builder, the case
builder and the query samples all ask ``person(j)`` and agree.  The values are
realistic where the code under test looks at them:

* ID numbers are valid GB 11643 numbers (province, birth date, check
  character) and unique: ``j`` goes through a bijection onto (birth county,
  birth day, sequence), so a million people spread over 24 counties and 39
  years of birth days, not one county and three years;
* certificate numbers have the national skill-level shape with the level in
  the 16th place (``rules.certificate_number`` checks it), unique the same way;
* names are a common surname and one or two given characters, employers carry
  a valid unified social credit code, insured regions are mostly Guangzhou
  districts, contribution months and issue dates spread so that the policy's
  rules reject a realistic share.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
from dataclasses import dataclass
from typing import NamedTuple

from desktop.models.demo import GIVEN, SURNAMES
from desktop.models.identity import id_check_character, uscc_check_character
from desktop.models.reference import resource_dir

_M64 = (1 << 64) - 1

# Counties of birth: Guangzhou and the provinces Guangzhou's workers come from.
BIRTH_COUNTIES = (
    "440106", "440111", "440112", "440183", "441302", "445202", "440882", "441581",
    "450102", "450881", "430102", "430621", "360102", "362201", "510104", "511302",
    "500101", "420102", "421182", "410102", "411302", "350102", "520102", "530102",
)
_FIRST_BIRTH = dt.date(1966, 1, 1)
_LAST_BIRTH = dt.date(2004, 12, 31)
_BIRTH_DAYS = (_LAST_BIRTH - _FIRST_BIRTH).days + 1
_BIRTHS = tuple(f"{_FIRST_BIRTH + dt.timedelta(days=d):%Y%m%d}" for d in range(_BIRTH_DAYS))
_ID_SPACE = len(BIRTH_COUNTIES) * _BIRTH_DAYS * 1000
_ID_MULTIPLIER = 2_654_435_761  # a prime that does not divide _ID_SPACE: j -> a·j + b is a bijection
_CERT_SPACE = 10**10
_CERT_MULTIPLIER = 3_846_793_003  # ends in 3: coprime with 10**10, so j -> a·j + b is a bijection

GUANGZHOU = ("440100", "440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114",
             "440115", "440117", "440118")
ELSEWHERE = ("440300", "440600", "441900", "440400")  # other prefectures: screened out by pooling
MONTHS = (3, 8, 11, 14, 20, 26, 35, 40, 52, 63, 95, 130, 180, 240)
LEVELS = (5, 5, 5, 4, 4, 4, 3, 3, 2, 1)  # most certificates are 初级 and 中级
ISSUERS = ("广州市职业技能鉴定指导中心", "广州市人力资源和社会保障局职业技能鉴定所", "广东省职业技能服务指导中心",
           "广州市技师学院职业技能等级认定站", "广州工贸技师学院评价站", "广州白云精密机械有限公司（企业自主评价）")
BANKS = ("中国工商银行", "中国农业银行", "中国建设银行", "中国银行", "广州农村商业银行", "招商银行")
_FIRMS = "华泰鸿运兴盛恒达富源金辉嘉和宏图永安瑞丰联创新宇远航志诚德信"
_TRADES = ("精密机械", "汽车零部件", "电子科技", "家政服务", "养老服务", "五金制品", "物流", "餐饮管理",
           "电气设备", "纺织服装", "新能源科技", "智能装备", "建筑工程", "食品加工", "印刷包装")
_AREAS = ("天河", "越秀", "海珠", "荔湾", "白云", "黄埔", "番禺", "花都", "南沙", "从化", "增城")
_USCC_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def mix(x: int) -> int:
    """SplitMix64: a well-spread 64-bit value for each integer."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def id_number(j: int) -> str:
    """The ID number of person ``j`` (unique for 0 <= j < 936 million)."""
    k = (_ID_MULTIPLIER * j + 12_345_678) % _ID_SPACE
    k, seq = divmod(k, 1000)
    county, day = divmod(k, _BIRTH_DAYS)
    first17 = f"{BIRTH_COUNTIES[county]}{_BIRTHS[day]}{seq:03d}"
    return first17 + id_check_character(first17)


def certificate_number(j: int, level: int) -> str:
    """A national skill-level certificate number, unique per ``j``, level in the 16th place."""
    digits = f"{(_CERT_MULTIPLIER * j + 987_654_321) % _CERT_SPACE:010d}"
    return f"S0001440001{digits[:4]}{level}{digits[4:]}"


_DOUBLED = {str(d): (2 * d) % 10 + (2 * d) // 10 for d in range(10)}


def luhn(body: str) -> str:
    """``body`` with its Luhn check digit (bank card numbers)."""
    total = sum(map(_DOUBLED.__getitem__, body[::-1][::2])) + sum(map(int, body[::-1][1::2]))
    return body + str((10 - total % 10) % 10)


def account(j: int) -> str:
    """Person ``j``'s bank card number."""
    return luhn(f"622202{mix(3 * j + 7) % 10**12:012d}")


@dataclass(frozen=True)
class Employer:
    name: str
    uscc: str


@functools.lru_cache(maxsize=4)
def employers(count: int = 3000) -> tuple[Employer, ...]:
    rng = random.Random(8)
    found: list[Employer] = []
    names: set[str] = set()
    while len(found) < count:
        name = (f"广州{rng.choice(_AREAS)}{rng.choice(_FIRMS)}{rng.choice(_FIRMS)}"
                f"{rng.choice(_TRADES)}有限公司")
        if name in names:
            name = name.replace("有限公司", f"第{len(found)}分公司")
        names.add(name)
        body = "91440101" + "".join(rng.choice(_USCC_BODY) for _ in range(9))
        found.append(Employer(name, body + uscc_check_character(body)))
    return tuple(found)


@functools.lru_cache(maxsize=1)
def occupations() -> tuple[tuple[str, str], ...]:
    """(code, name) of the skilled-trade occupations (categories 4 and 6) of the national catalogue."""
    path = resource_dir() / "occupations" / "csco22.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["code"], r["name"]) for r in csv.DictReader(handle)
                if r["level"] == "4" and r["code"][:2] in ("4-", "6-")]
    # The catalogue marks green (L) and digital (S) occupations with a letter after the name.
    return tuple((code, name.rstrip("LS")) for code, name in rows[:: max(1, len(rows) // 300)])


class Person(NamedTuple):
    j: int
    id_number: str
    name: str
    phone: str
    employer: Employer
    insured_region: str
    months: int
    benefit: bool
    cert_number: str
    cert_kind: str
    level: int
    occupation_code: str
    occupation_name: str
    issued_days_ago: int  # before the day the data is built for
    issuer: str
    bank: str


def person(j: int) -> Person:
    a, b = mix(2 * j), mix(2 * j + 1)
    given = GIVEN[(a >> 8) % len(GIVEN)] + (GIVEN[(a >> 16) % len(GIVEN)] if (a >> 24) & 3 else "")
    level = LEVELS[(a >> 28) % len(LEVELS)]
    code, occupation = (occs := occupations())[(a >> 36) % len(occs)]
    months = MONTHS[(a >> 46) % len(MONTHS)]
    region = GUANGZHOU[(b >> 4) % len(GUANGZHOU)] if (b & 15) > 1 else ELSEWHERE[(b >> 4) % len(ELSEWHERE)]
    emps = employers()
    return Person(
        j=j,
        id_number=id_number(j),
        name=SURNAMES[a % len(SURNAMES)] + given,
        phone=f"1{'35789'[(b >> 8) % 5]}{(b >> 12) % 10**9:09d}",
        employer=emps[(b >> 42) % len(emps)],
        insured_region=region,
        months=months,
        benefit=months < 12 and bool((a >> 52) & 1),
        cert_number=certificate_number(j, level),
        cert_kind="qualification" if (b >> 54) % 10 == 0 else "skill_level",
        level=level,
        occupation_code=code,
        occupation_name=occupation,
        issued_days_ago=(b >> 20) % 1460,  # the last four years
        issuer=ISSUERS[(a >> 56) % len(ISSUERS)],
        bank=BANKS[(b >> 60) % len(BANKS)],
    )
