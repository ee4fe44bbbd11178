"""Fixed words the citizen reads: labels, legal sentences, date formats.

Kept in one place so every document (and the later summaries and reports)
says the same thing the same way, and a legal wording is changed once.
"""

from __future__ import annotations

import datetime as dt
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

APPEAL_WORDING = "如不服本决定，可在收到之日起60日内申请行政复议，或6个月内提起行政诉讼。"
DIRECT_PAYMENT = "补贴资金将直接发放至您本人的社会保障卡或本人银行账户，不向他人账户发放。"


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
