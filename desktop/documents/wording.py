"""Fixed words the citizen reads: labels, legal sentences, date formats.

Kept in one place so every document (and the later summaries and reports)
says the same thing the same way, and a legal wording is changed once.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from desktop.models.levels import LEVEL_GRADES, LEVEL_NAMES
from desktop.models.masking import mask_id
from desktop.models.money import format_yuan, yuan_in_capitals

CERTIFICATE_KINDS = {"skill_level": "职业技能等级证书", "qualification": "职业资格证书"}

# One plain name per rule code of POLICY.md, for the rejection table.
RULE_LABELS = {
    "id_number": "身份信息",
    "contribution_months": "失业保险缴费",
    "certificate_date": "证书核发日期",
    "certificate_level": "证书等级",
    "certificate_number": "证书编号核验",
    "application_window": "申请期限",
    "insured_region": "参保地",
    "duplicate_subsidy": "重复申领",
    "yearly_limit": "年度申领次数",
    "lower_level": "证书等级先后",
    "training_subsidy": "职业培训补贴",
}

AMOUNT_CAVEAT = "以审核结果为准"
PROVISIONAL_RECEIPT = "临时回执：待联网查重后确认"
PROVISIONAL_RECEIPT_DETAIL = (
    "本回执在离线状态下出具，尚未完成全国重复申领核查；联网查重后予以确认，受理结果以审核决定为准。"
)
PROVISIONAL_DATE = "暂定"
PROVISIONAL_DATE_REASON = "该年度法定节假日安排尚未公布，日期为暂定"

# 展翅行动 通知 二(四): the notice lists everything, once, and nothing obtainable
# by information sharing may be asked for.  The notice is cited by its issuer and date:
# the seed's text carries no title line and POLICY.md gives no complete document number.
ONE_TIME_NOTICE_PREAMBLE = (
    "根据人力资源社会保障部办公厅2018年4月22日“展翅行动”通知关于落实一次性告知、简化申报材料的要求，"
    "现将您申请失业保险技能提升补贴尚需补充的全部材料一次性告知如下。"
)
# 40号 二(二): the office checks the certificate and the contribution record itself.
ONE_TIME_NOTICE_PROMISE = (
    "除本告知书所列材料外，本机构不再要求您补充其他材料。证书和失业保险参保缴费记录由本机构联网查询、比对核查，"
    "无需您提供，也无需到别处打印。"
)
ONE_TIME_NOTICE_NOTHING_MISSING = "您的申请材料已齐全，无需补充材料。"
COPIES_NOTE = "本告知书一式两份，申请人与经办机构各执一份。"

DIRECT_PAYMENT = "补贴资金将直接发放至您本人的社会保障卡或本人银行账户，不向他人账户发放。"
PAYMENT_KINDS = {"bank": "本人银行账户", "sscard": "本人社会保障卡（金融账户）"}

# The statutes a decision's remedies rest on (issue 17.2): the time limits in words, as the statutes
# write them — 行政复议法 (2023) 第二十条 sixty days, 行政诉讼法 第四十六条 six months.
RECONSIDERATION_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"


def remedies(reconsideration_body: str, court: str) -> str:
    """依照…的规定，如不服本决定，可以自收到本决定书之日起六十日内向X申请行政复议，或者在六个月内向Y提起行政诉讼。"""
    return (f"依照{RECONSIDERATION_LAW}和{LITIGATION_LAW}的规定，如不服本决定，可以自收到本决定书之日起六十日内"
            f"向{reconsideration_body}申请行政复议，或者在六个月内向{court}提起行政诉讼。")


def payment_kind_name(kind: str) -> str:
    return PAYMENT_KINDS.get(kind, "本人账户")


# --- clauses -------------------------------------------------------------------------------------

_NUMERAL = "一二三四五六七八九十百零〇"
# "人社部发〔2017〕40号 一(一)": a document (ending in 号, 》 or the 展翅行动 notice's short name), a space, then a
# part number, an optional item number in brackets and an optional bracketed gloss.
_CITATION = re.compile(
    rf"^(?P<document>.*?(?:号|》|展翅行动))\s+(?P<part>[{_NUMERAL}]+)"
    rf"(?:\s*[(（](?P<item>[{_NUMERAL}]+)[)）])?(?:\s*[(（](?P<gloss>[^()（）]+)[)）])?$"
)
_SHORT_NAMES = {"展翅行动": "“展翅行动”通知"}  # the notice by the name it goes by, never a bare slogan


def _split_citations(basis: str) -> list[str]:
    """The citations of a basis, split at ；/; outside brackets (a gloss may hold a ；)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in basis:
        if ch in "(（〔《[【":
            depth += 1
        elif ch in ")）〕》]】":
            depth = max(0, depth - 1)
        if ch in "；;" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def clause_cn(basis: str) -> str:
    """A rule's basis as a decision cites it: 人社部发〔2017〕40号 一(一) → 人社部发〔2017〕40号 第一条第（一）项;
    三 → 第三条; 一（同时符合以下条件的企业职工） → 第一条（同时符合以下条件的企业职工）.  Several citations stay
    apart (；); one in another form (《…》第二百零三条, a document without a clause) is kept as written."""
    rendered = []
    for citation in _split_citations(basis):
        found = _CITATION.match(citation)
        if found is None:
            rendered.append(citation)
            continue
        document = found["document"]
        for short, name in _SHORT_NAMES.items():
            if document.endswith(short) and not document.endswith(name):
                document = document[: -len(short)] + name
        clause = f"第{found['part']}条"
        if found["item"]:
            clause += f"第（{found['item']}）项"
        if found["gloss"]:
            clause += f"（{found['gloss']}）"
        rendered.append(f"{document} {clause}")
    return "；".join(rendered)


def fact_with_clause(message: str, basis: str) -> str:
    """累计缴费28个月，不足36个月（人社部发〔2017〕40号 第一条第（一）项）: the fact, then its exact clause."""
    fact = message.strip().rstrip("。；;，,")
    clause = clause_cn(basis)
    return f"{fact}（{clause}）" if clause else fact


def level_name(level: int) -> str:
    """四级/中级工: no brackets, so it may stand inside a bracketed phrase (issue 15.8)."""
    return LEVEL_NAMES.get(level, f"{level}级")


def level_grade(level: int) -> str:
    """四级, where a narrow column has room for the grade only."""
    return LEVEL_GRADES.get(level, f"{level}级")


def certificate_kind_name(kind: str) -> str:
    return CERTIFICATE_KINDS.get(kind, kind)


def rule_label(code: str) -> str:
    return RULE_LABELS.get(code, "审核条件")


def date_cn(day: dt.date) -> str:
    """2026年12月4日 (no leading zeros, as official documents write dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


def deadline_cn(day: dt.date) -> str:
    """至2026年11月6日（含）: a deadline says its last day is included ("前" leaves it in doubt, issue 17.3)."""
    return f"至{date_cn(day)}（含）"


def datetime_cn(instant: dt.datetime, tz_name: str) -> str:
    """2026年11月27日 10:05, in the office's time zone; a naive time is a bug."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("打印时间必须带时区（aware datetime）")
    local = instant.astimezone(ZoneInfo(tz_name))
    return f"{date_cn(local.date())} {local:%H:%M}"


def local_date(instant: dt.datetime, tz_name: str) -> dt.date:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("打印时间必须带时区（aware datetime）")
    return instant.astimezone(ZoneInfo(tz_name)).date()


def amount_cn(amount_yuan: int) -> str:
    """1,500 元（壹仟伍佰元整）."""
    return f"{format_yuan(amount_yuan)}（{yuan_in_capitals(amount_yuan)}）"


def masked_id(id_number: str) -> str:
    """440106********1232: documents never print a full identity number."""
    return mask_id(id_number)


def reprint_label(count: int) -> str:
    return f"补打（第{count}次补打）"
