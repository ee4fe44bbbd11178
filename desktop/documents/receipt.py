"""受理回执: what the applicant takes home when the counter accepts a case.

It proves the case was accepted (受理编号, clerk, time, seal), says who applied
(the applicant and the employer), what was handed over, checked by information
sharing or still missing, where the subsidy is to be paid (the account masked,
and its bank), what to expect (amount, review deadline, 至…（含）) and how to
follow the case (受理编号 + 查询码, also as a QR code).  The ID number and the
account are printed masked only: the receipt leaves the office in a pocket.
"""

from __future__ import annotations

from typing import Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from desktop.documents import wording
from desktop.documents.data import ReceiptData
from desktop.documents.layout import (
    Kit,
    Output,
    banner,
    blank_line,
    build_case_pdf,
    emphasis,
    fields,
    fits_one_page,
    kit_for,
    letterhead,
    numbered,
    para,
    rich,
    section,
    signature_block,
    table,
)
from desktop.documents.notice import shared_flow
from desktop.documents.qr import QrCode, receipt_qr_payload
from desktop.models.masking import mask_account

TITLE = "技能提升补贴受理回执"
QR_CAPTION = "手机扫码查询进度"
NO_MATERIALS = "无"
KEEP_SAFE = "请妥善保管本回执，查询进度及领取补贴时可能需要出示。"
A4_SIZES = (10.5, 10.0, 9.5, 9.0)  # points (五号 down to 小五 and a half): the first that keeps to one page


def render_receipt(data: ReceiptData, out: Output, *, format: Literal["a4", "80mm"] = "a4") -> None:  # noqa: A002
    """Write the receipt PDF to ``out`` (a path, written atomically, or a binary stream)."""
    if data.reprint_count < 0:
        raise ValueError("reprint_count must be 0 (original) or more")
    kit = kit_for(format)
    if kit.roll:
        story = _roll_story(data, kit)
    else:
        for size in A4_SIZES:  # a long receipt (the policy's note, many materials) set smaller, on one sheet
            kit = kit_for(format, base_size=size)
            story = _a4_story(data, kit)
            if fits_one_page(story, kit):
                break
    build_case_pdf(story, out, kit, title=TITLE, case_no=data.case_no, office_name=data.office.name)


# --- wording shared by both layouts ---------------------------------------------


def _deadline(data: ReceiptData) -> str:
    text = wording.deadline_cn(data.review_deadline)
    if data.review_deadline_provisional:
        text += f"（{wording.PROVISIONAL_DATE}：{wording.PROVISIONAL_DATE_REASON}）"
    return text


def _amount(data: ReceiptData, kit: Kit) -> Flowable:
    return rich(f"{emphasis(wording.amount_cn(data.amount_yuan), kit)}，{wording.AMOUNT_CAVEAT}", kit.cell)


def _occupation(data: ReceiptData) -> str:
    return f"{data.occupation_name}（{data.occupation_code}）" if data.occupation_code else data.occupation_name


def _employer(data: ReceiptData) -> str:
    return data.employer_name or "（未填写）"


def _account(data: ReceiptData) -> str:
    """本人银行账户 6222********3445（开户银行：中国工商银行）: where the subsidy goes, masked, and its bank."""
    if not data.payment_account:
        return wording.DIRECT_PAYMENT
    return (f"{wording.payment_kind_name(data.payment_kind)} {mask_account(data.payment_account)}"
            f"（开户银行：{data.bank_name or '未填写'}）")


def _payment_rows(data: ReceiptData) -> list[tuple[str, str]]:
    return [("发放账户", _account(data))]


def _progress(data: ReceiptData) -> str:
    scan = "；也可用手机扫描本回执二维码。" if data.public_url else "。"
    return f"凭受理编号 {data.case_no} 和查询码 {data.lookup_code} 查询办理进度：{data.office.progress_hint}{scan}"


def _policy(data: ReceiptData, kit: Kit) -> list[Flowable]:
    out: list[Flowable] = [para(data.policy_label, kit.cell)]
    if data.policy_note:
        out.append(para(data.policy_note, kit.small))
    return out


def _status_banners(data: ReceiptData, kit: Kit) -> list[Flowable]:
    out: list[Flowable] = []
    if data.provisional:
        out.append(banner(wording.PROVISIONAL_RECEIPT, kit, wording.PROVISIONAL_RECEIPT_DETAIL))
    if data.reprint_count:
        detail = ""
        if data.printed_at is not None:
            detail = f"补打时间：{wording.datetime_cn(data.printed_at, data.office.tz_name)}；原受理时间见下。"
        out.append(banner(wording.reprint_label(data.reprint_count), kit, detail))
    return out


def _materials(data: ReceiptData, kit: Kit) -> Table:
    """The materials in POLICY.md §4's three kinds: received (or sighted), checked by information sharing
    (what, source, as of; then what the office still checks itself), still missing."""
    return fields(
        [
            ("已收取", numbered(list(data.materials_received), kit, empty=NO_MATERIALS, base=kit.cell)),
            ("共享核验" if kit.roll else "信息共享核验", shared_flow(data.materials_shared, data.office_checking, kit)),
            ("尚缺材料", numbered(list(data.materials_missing), kit, empty=NO_MATERIALS, base=kit.cell)),
        ],
        kit,
    )


def _accepted(data: ReceiptData) -> str:
    return wording.datetime_cn(data.accepted_at, data.office.tz_name)


def _accepted_date(data: ReceiptData) -> str:
    return "日期：" + wording.date_cn(wording.local_date(data.accepted_at, data.office.tz_name))


def _qr_block(data: ReceiptData, kit: Kit, size: float) -> list[Flowable]:
    """The QR code of the progress page's link (issue 19.1); nothing without a public address: a code a
    phone cannot open would promise what it does not do."""
    if not data.public_url:
        return []
    code = QrCode(receipt_qr_payload(data.public_url, data.case_no, data.lookup_code), size)
    code.hAlign = "CENTER"
    return [code, para(QR_CAPTION, kit.caption)]


# --- A4 ---------------------------------------------------------------------------


def _a4_story(data: ReceiptData, kit: Kit) -> list[Flowable]:
    qr_width = 38 * mm if data.public_url else 0
    case_fields = fields(
        [
            ("受理编号", rich(emphasis(data.case_no, kit, 1.25), kit.cell)),
            ("查询码", rich(emphasis(data.lookup_code, kit, 1.25), kit.cell)),
            ("申请人", data.applicant_name),
            ("公民身份号码", wording.masked_id(data.id_number)),
            ("工作单位", _employer(data)),
            ("受理时间", f"{_accepted(data)}（经办人：{data.clerk_name}）"),
        ],
        kit,
        width=kit.width - qr_width - 4 * mm if qr_width else kit.width,
    )
    top = table([[case_fields, _qr_block(data, kit, 32 * mm)]], [kit.width - qr_width, qr_width], [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
    ], kit) if qr_width else case_fields
    certificate = fields(
        [
            ("证书编号", data.certificate_number),
            ("证书类别、等级",
             f"{wording.certificate_kind_name(data.certificate_kind)}，{wording.level_name(data.level)}"),
            ("职业（工种）", _occupation(data)),
            ("预计补贴金额", _amount(data, kit)),
            *_payment_rows(data),
            ("适用政策", _policy(data, kit)),
        ],
        kit,
    )
    office = data.office
    return [
        *letterhead(office.name, TITLE, kit),
        *_status_banners(data, kit),
        top,
        section("证书与补贴", kit, certificate),
        section("申请材料", kit, _materials(data, kit)),
        section("办理时限与进度查询", kit,
                fields([("审核时限", _deadline(data)), ("进度查询", _progress(data))], kit)),
        Spacer(1, 2 * mm),
        para(f"受理机构：{office.name}；地址：{office.address}；咨询电话：{office.phone}。{KEEP_SAFE}", kit.small),
        *signature_block(kit, [blank_line("经办人（签字）"), blank_line("申请人（签收）")],
                         date_line=_accepted_date(data)),
    ]


# --- 80 mm roll ---------------------------------------------------------------------


def _roll_story(data: ReceiptData, kit: Kit) -> list[Flowable]:
    story: list[Flowable] = [*letterhead(data.office.name, TITLE, kit), *_status_banners(data, kit)]
    story += _qr_block(data, kit, 30 * mm)
    story.append(Spacer(1, 2 * mm))
    story.append(
        fields(
            [
                ("受理编号", rich(emphasis(data.case_no, kit, 1.1), kit.cell)),
                ("查询码", rich(emphasis(data.lookup_code, kit, 1.1), kit.cell)),
                ("申请人", data.applicant_name),
                ("身份号码", wording.masked_id(data.id_number)),
                ("工作单位", _employer(data)),
                ("证书编号", data.certificate_number),
                ("证书类别", wording.certificate_kind_name(data.certificate_kind)),
                ("证书等级", wording.level_name(data.level)),
                ("职业", _occupation(data)),
                *_payment_rows(data),
            ],
            kit,
        )
    )
    # The amount gets the full width of the roll: the label column is too narrow
    # for 预计补贴金额 and the figure is what the applicant looks for first.
    story += [
        Spacer(1, 1.5 * mm),
        rich(f"预计补贴金额：{emphasis(wording.amount_cn(data.amount_yuan), kit, 1.2)}", kit.body),
        para(f"（{wording.AMOUNT_CAVEAT}）", kit.body),
        Spacer(1, 1.5 * mm),
    ]
    story += [_materials(data, kit), Spacer(1, 1.5 * mm)]
    story.append(
        fields(
            [
                ("审核时限", _deadline(data)),
                ("适用政策", _policy(data, kit)),
                ("受理时间", _accepted(data)),
                ("经办人", data.clerk_name),
                ("受理机构", data.office.name),
                ("地址", data.office.address),
                ("电话", data.office.phone),
            ],
            kit,
        )
    )
    story.append(Spacer(1, 1.5 * mm))
    story.append(para(_progress(data), kit.body))
    story += signature_block(kit, [blank_line("申请人签收", 6)], date_line=_accepted_date(data))
    story += [Spacer(1, 2 * mm), para("请妥善保管本回执", kit.centered)]
    return story
