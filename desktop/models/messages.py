"""The words of the core's errors: one catalogue, by code (issue 18.5).

A core error says what went wrong by a code and its parameters (``ZhanchiError.code`` and
``params``); the words are here, in Simplified Chinese, written once.  The command line says them
as written (``str(error)``); the window says them in the reader's language (``ZhanchiError.said``
with Qt's translate): lupdate reads this catalogue through ``scripts/build_translations.py`` under
``CONTEXT``.  A parameter that is a domain value with a label (a role, an action) is said by its
label, translated the same way under ``LABELS_CONTEXT``.  No text here names a command-line option
(the window shows the same errors); the command line adds its own hints.

The core (``desktop/models``), the settings and the devices raise by code only, and so do the command
line, the documents, the sync and the window (``tests/models/test_messages.py`` checks it; the command
line's ``UsageError``, naming the option typed, is the one exception); a text inside a message that needs
words of its own (what an operating-system error means, a name's label) is a ``Phrase``, translated with
it.  No text here names a command either: the command line adds it (``cli.common.COMMAND_OF_CODE``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Self

CONTEXT = "CoreErrors"
LABELS_CONTEXT = "DomainLabels"  # roles and actions
STATE_CONTEXT = "CaseState"  # a case's states (the window's case lists say them too)
Translate = Callable[[str, str], str]  # (context, text) -> the text in the reader's language
_PRINTERS = "（打印件含个人信息，仅限经办、审核、审批人员和科长）"  # the roles with Action.document_print

MESSAGES: Mapping[str, str] = MappingProxyType({
    # Who may do what (models/permissions.py and the services' own four-eyes rules).
    "permission.denied": "{role}无权{action}",
    "permission.own_case_approval": "受理人不得审批本人受理的案件",
    "permission.own_integrity_record": "不能撤销本人记录的诚信档案，须由另一名工作人员核实后撤销",
    "permission.payee_change_second_person": "收款账户变更须由提出人（{proposer}）以外的另一人确认",
    "permission.not_admin": "账户 {username} 已停用或已不是管理员，无权{action}",
    "permission.print_account_inactive": "账户 {username} 不存在或已停用，不能打印",
    "permission.report_account_inactive": "账户 {username} 不存在或已停用，不能打印报表",
    "permission.print_case_documents": "{role}无权打印案件文书" + _PRINTERS,
    "permission.print_publicity_list": "{role}无权打印公示名单" + _PRINTERS,
    "permission.print_reconciliation": "{role}无权打印外出受理对账单" + _PRINTERS,
    "permission.print_outreach_lists": "{role}无权打印告知名单" + _PRINTERS,
    # A case and its lifecycle (models/cases.py, review.py, publicity.py).
    "case.not_found": "未找到案件：{case}",
    "case.changed_meanwhile": "案件 {case_no} 已被他人修改，请刷新后重试",
    "case.cannot_accept": "案件当前状态为“{state}”，不能受理",
    "case.cannot_move": "案件当前状态为“{state}”，不能改为“{to}”",
    "case.rejection_needs_reason": "驳回须写明理由",
    "case.disputed_needs_reason": "核验结果为不符合条件，如仍要受理，须填写受理理由",
    "review.not_under_review": "案件 {case_no} 当前状态为“{state}”，不在审核中",
    "publicity.batch_not_found": "未找到公示批次：{batch}",
    "publicity.nothing_to_list": "没有待公示的案件（审核通过且未列入公示批次的案件）",
    "publicity.not_passed": "案件 {case_no} 当前状态为“{state}”，审核通过后才能公示",
    "publicity.already_listed": "案件 {case_no} 已列入公示批次",
    "publicity.already_published": "公示批次 {batch_no} 已发布，不能再次发布",
    "publicity.empty_batch": "公示批次 {batch_no} 中没有案件",
    "publicity.cannot_publish_case": "案件 {case_no} 当前状态为“{state}”，不能公示",
    "publicity.period_running": "公示期至{ends_on}（含）尚未届满，{first_day}起方可结束公示",
    "publicity.objection_not_in_publicity": "案件 {case_no} 当前状态为“{state}”，不在公示中，不能登记公示异议",
    "payment.batch_not_found": "未找到发放批次：{batch}",
    "payment.requeue_only_failed": "案件 {case_no} 当前状态为“{state}”，只有发放失败的案件才能重新发放",
    "payment.already_in_batch": "有案件已在其他发放批次中（待发放或已发放），不能重复发放；本次未导出",
    # Signing in (models/staff.py).
    "auth.wrong_password": "用户名或密码错误",
    "auth.wrong_old_password": "原密码不正确",
    "auth.locked": "登录失败次数过多，账户已锁定，请于 {until} 后再试",
    # Any value offered to the core: a key of the intake JSON, a setting, a file (models/application.py
    # and every reader of input).
    "value.not_object": "应为 JSON 对象",
    "value.not_list": "应为数组",
    "value.missing": "缺少此项",
    "value.not_text": "应为文字",
    "value.empty": "不能为空",
    "value.not_integer": "应为整数，收到 {received}",
    "value.out_of_range": "应在 {low} 到 {high} 之间，收到 {received}",
    "value.not_boolean": "应为 true 或 false",
    "date.not_a_date": "应为日期 YYYY-MM-DD（如 2018-01-10），收到 {received}",
    "date.bad_format": "日期格式应为 YYYY-MM-DD（如 2018-01-10），收到 {received}",
    "date.no_such_day": "日期 {date} 不存在，请核对年、月、日",
    "date.out_of_range": "日期 {date} 不在可受理的范围内（{first_year}年至{last_year}年）",
    "intake.bad_certificate_kind": "应为 skill_level 或 qualification，收到 {received}",
    "intake.bad_payment_kind": "应为 bank 或 sscard，收到 {received}",
    # Identity numbers, credit codes, cards, region codes, phones (models/identity.py).
    "day.today": "今天",
    "day.application_date": "申请日期",
    "id.missing": "请填写身份证号码",
    "id.wrong_length": "身份证号码应为18位，实际{length}位",
    "id.old_number": "身份证号码应为18位，实际15位；15位旧号码请换用二代身份证上的18位号码",
    "id.bad_character": "身份证号码含有无效字符“{character}”：前17位应为数字，末位为数字或X",
    "id.bad_province": "身份证号码前两位“{prefix}”不是有效的省级行政区划代码，请核对",
    "id.no_such_birth_date": "身份证号码中的出生日期“{birth}”不存在，请核对第7至14位",
    "id.born_later": "身份证号码中的出生日期{birth}晚于{day}（{today}），请核对",
    "id.wrong_check_character": "身份证号码校验位不正确（末位应为{expected}），请逐位核对证件号码",
    "uscc.missing": "请填写统一社会信用代码",
    "uscc.wrong_length": "统一社会信用代码应为18位，实际{length}位",
    "uscc.bad_character": "统一社会信用代码含有无效字符“{character}”：只使用数字和除I、O、S、V、Z以外的大写字母",
    "uscc.wrong_check_character": "统一社会信用代码校验位不正确（末位应为{expected}），请逐位核对",
    "bank_card.missing": "请填写银行卡号",
    "bank_card.bad_character": "银行卡号只能包含数字，发现无效字符“{character}”",
    "bank_card.wrong_length": "银行卡号应为12至19位数字，实际{length}位",
    "region.bad_character": "行政区划代码含有无效字符“{character}”，应为6位数字",
    "region.missing": "请填写行政区划代码",
    "region.wrong_length": "行政区划代码应为6位数字，实际为“{region}”",
    "region.bad_province": "行政区划代码前两位“{prefix}”不是有效的省级代码，请核对",
    "region.unknown": "行政区划代码“{region}”不在行政区划代码表中，请核对",
    "phone.missing": "请填写手机号码",
    "phone.invalid": "手机号码应为11位中国大陆手机号（以13至19开头），请核对",
    # A case's own checks and materials (models/cases.py).
    "value.not_between": "应在{low}到{high}之间，收到 {received}",
    "value.below": "应在{low}以上之间，收到 {received}",
    "value.not_json": "含有无法保存为 JSON 的内容",
    "date.not_iso": "日期应为 YYYY-MM-DD",
    "region.not_six_digits": "行政区划代码应为6位数字，收到 {received}",
    "intake.not_intake": "应为受理信息（Intake）",
    "case.ineligible_amount": "不符合条件的案件补贴金额应为0",
    "case.eligible_differs": "与核验结果不一致",
    "case.amount_differs": "与核验结果的金额（{amount}元）不一致",
    "case.unknown_state": "未知状态 {state}",
    "case.new_state": "新案件只能是草稿或已受理",
    "case.service_move": "案件 {case_no} 不能在此直接改为“{to}”：{hint}",
    "case.column_not_changeable": "不能用此方式修改",
    "materials.missing": ("仍缺材料：{materials}。须经办人确认所缺材料后方可受理；未确认的，案件保存为待补正，"
                          "并出具一次性告知书"),
    "materials.missing_in_case": ("案件 {case_no} 仍缺材料：{materials}。须经办人确认所缺材料后方可受理；未确认的，"
                                  "案件保存为待补正，并出具一次性告知书"),
    "materials.none_ticked": "请勾选本次补正收取的材料",
    "materials.supplement_closed": "案件 {case_no} 当前状态为“{state}”，不再补正材料",
    "materials.nothing_missing": "案件 {case_no} 没有尚缺的材料，无需补正",
    "materials.not_missing": "“{material}”不是本案尚缺的材料，无需补正",
    # Staff accounts (models/staff.py).
    "staff.password_too_short": "密码至少需要{length}个字符",
    "staff.bad_username": "用户名应为1至64位字母、数字或 . _ - @",
    "staff.name_empty": "姓名不能为空",
    "staff.unknown_role": "未知角色 {role}",
    "staff.bad_office_code": "经办机构代码应为6位数字",
    "staff.username_taken": "用户名 {username} 已存在，请换一个",
    "staff.no_such_user": "没有用户 {username}",
    "staff.cannot_disable_self": "不能停用自己的账户",
    "staff.last_admin_disable": ("{name}（{username}）是最后一个启用的管理员账户，不能停用；"
                                 "请先新建或启用另一个管理员账户"),
    "staff.last_admin_role": ("{name}（{username}）是最后一个启用的管理员账户，不能改为其他角色；"
                              "请先新建或启用另一个管理员账户"),
    # What an operating-system error means (models/errors.py os_error_phrase), said inside other messages.
    "os.not_writable": "无法写入（只读或权限不足），请检查文件夹权限",
    "os.disk_full": "所在磁盘已满，请清理磁盘空间后重试",
    "os.gone": "不存在或已被移走，请检查数据文件夹位置",
    "os.other": "无法访问（{reason}）",
    # Payments: export, the bank's result file, corrections (models/payments.py); files the core reads or writes.
    "file.is_folder": "{path} 是文件夹，请给出文件名",
    "file.no_folder": "文件夹 {folder} 不存在",
    "file.unreadable": "{file}：无法读取：{reason}",
    "payment.file_kind": "发放文件应为 .csv 或 .xlsx，收到“{file}”",
    "payment.file_exists": "文件 {file} 已存在，请换一个文件名（已导出的发放文件不会被覆盖）",
    "payment.nothing_to_pay": "没有待发放的案件",
    "payment.nothing_payable": "没有待发放的案件（{count}件不符合发放条件，未导出：{refused}）",
    "payment.fix_needs_reason": "请写明更正或重新发放的原因",
    "payment.result_refused": "{file}：结果文件有{count}处问题，未导入任何内容：{problems}",
    "file.no_header": "{file}：文件是空的，没有表头",
    "result_file.missing_columns": "{file}：缺少必需的列 {columns}；表头应为 {header}",
    "file.no_rows": "{file}：只有表头，没有数据行",
    # A change of payee account (models/payee_changes.py) and a review (models/review.py).
    "payee.bad_sscard_account": "社会保障卡账号应为数字或字母，不超过40位",
    "payee.not_the_applicant": "户名“{holder}”不是申请人本人；补贴只能发放到申请人本人账户",
    "payee.wrong_state": "案件 {case_no} 当前状态为“{state}”，不能变更收款账户",
    "payee.in_batch": "案件 {case_no} 已在发放批次中，待银行结果导入后才能变更收款账户",
    "payee.unchanged": "收款账户没有变化",
    "payee.change_waiting": "案件 {case_no} 已有一项收款账户变更待确认，请先确认或不予采纳",
    "payee.no_change_waiting": "案件 {case_no} 没有待确认的收款账户变更",
    "payee.decline_needs_reason": "请写明不予采纳的原因",
    "review.open_flags": ("案件 {case_no} 有{count}项风险提示尚未核查解除：{flags}。请逐项核查并写明核查意见后解除，"
                          "或驳回申请"),
    "review.no_amount_for_level": "案件 {case_no} 的证书等级按适用政策没有补贴标准，不能通过审核，请驳回",
    "review.disputed_needs_note": "该案件系对核验结论有异议而受理的，审核通过须写明审核意见",
    "review.objection_needs_note": "该案件有尚未答复的公示异议，审核通过须写明对异议的核查意见",
    # Reference files in TOML: policies, risk thresholds, templates, holidays (models/policy.py, risk.py,
    # outreach.py, workdays.py).
    "toml.bad_format": "文件格式错误：{error}",
    "toml.unreadable": "无法读取：{error}",
    "toml.unknown_key": "不认识的项（拼写错误？）",
    "toml.missing_table": "缺少此表",
    "toml.not_integer": "应为整数，实际为 {actual}",
    "toml.too_small": "应不小于{smallest}，实际为 {actual}",
    # Risk flags (models/risk.py).
    "risk.clear_needs_note": "解除风险提示须写明核查意见",
    "risk.flag_not_found": "未找到风险提示：{flag}",
    "risk.already_cleared": "该风险提示已解除",
    # Outreach: the registry copy, SMS templates, the lists (models/outreach.py).
    "file.cannot_write": "无法写入 {path}：{reason}",
    "file.is_folder_csv": "{path} 是文件夹；请给出 CSV 文件名",
    "outreach.no_insured_registry": "本机还没有参保人员名册：请先导入参保人员名册或与中心系统同步后再筛查",
    "outreach.no_certificate_registry": "本机还没有证书名册：请先导入证书名册或与中心系统同步后再筛查",
    "template.not_texts": "应为非空的文字数组",
    "template.unpaired_braces": "花括号不配对：{error}",
    "template.unknown_placeholder": "没有占位符 {{{placeholder}}}（可用：{known}）",
    "template.bad_max_chars": "应为不小于10的整数（一条短信70个汉字）",
    "template.bad_level_words": "应为 等级 = \"文字\" 的表，等级为1至5",
    "template.date_format_not_text": "应为文字，例如 \"{{year}}年{{month}}月{{day}}日\"",
    "template.bad_date_format": "只能使用 {{year}} {{month}} {{day}}：{error}",
    # The office's settings (models/office.py).
    "settings.missing_for_decision": ("尚未设置{settings}，不能出具审核决定书；"
                                      "请管理员在“设置”的“本机构（审核决定书）”中填写"),
    "settings.missing_for_publicity": ("尚未设置{settings}，不能打印公示名单；请管理员在“设置”的“本机构（公示名单）"
                                       "”中填写"),
    "settings.one_line": "只能是一行文字（不能含换行或控制字符）",
    "settings.too_long": "不能超过{longest}个字符，收到{length}个",
    "settings.issuer_is_a_window": "决定机关应为人力资源社会保障部门（或其经办机构）的名称，服务窗口、大厅不能作出决定",
    "settings.doc_number_prefix": "只填年份前的部分，如“穗天人社技补决”：年份〔2026〕和序号由系统编排",
    "settings.court": "应为人民法院的全称，如“广州铁路运输法院”",
    "settings.objection_phone": "应为本机构受理异议的电话（含区号，如“020-38881234”），不能只填12333",
    "settings.objection_address": ("应为本机构受理异议的详细地址（街道、门牌，如“广州市天河区天河北路123号一楼”），"
                                   "不能只填行政区划名称"),
    # Registry files and their text encodings (models/registry.py, registry_files.py, text_encoding.py).
    "registry.bad_kind": "应为 insured 或 certificates，收到“{kind}”",  # registry_files.KINDS
    "registry.import_cancelled": "已取消，未导入任何数据",
    "registry.rows_rejected": "{count}行有错误，未导入",
    "registry.rows_rejected_first": "{count}行有错误，未导入（{first}）",
    "registry_file.changed_encoding": "{file}：含有不是 {encoding} 编码的字符；{save_as}",
    "registry_file.bad_csv": "{file}：不是有效的 CSV 文件（{error}）",
    "registry_file.bad_xlsx": "{file}：不是有效的 XLSX 文件（{error}）",
    "registry_file.not_a_file": "{file}：不是文件",
    "registry_file.no_file": "{file}：文件不存在",
    "registry_file.xlsx_named_csv": "{file}：看起来是 Excel 工作簿而不是 CSV；请把扩展名改为 .xlsx",
    "registry_file.not_xlsx": "{file}：不是有效的 XLSX 文件；请用 Excel 另存为 .xlsx 或 CSV UTF-8",
    "registry_file.xls": "{file}：是旧版 Excel（.xls）文件；请另存为 .xlsx 或 CSV UTF-8 后再导入",
    "registry_file.wrong_kind": "{file}：只能导入 CSV（.csv）或 Excel（.xlsx）文件",
    "registry_file.read_failed": "{file}：读取时出错：{reason}",
    "registry_file.unknown_column": "“{column}”不是{kind}文件的列；可用的列：{columns}",
    "registry_file.column_twice": "{file}：第{first}列和第{second}列都对应 {column}，请只保留一列",
    "registry_file.missing_columns": "{file}：缺少必需的列 {columns}；表头应包含 {header}",
    "encoding.save_as": "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入",
    "encoding.refused": "{file}：第{line}行{problem}；{save_as}",
    "encoding.undecodable": "有无法解读的字节",
    "encoding.control_character": "有不是文字的字符 {code_point}",
    "encoding.unexpected_character": "出现登记数据中不会有的字符 {shown}",
    "encoding.rare_ideographs": ("起的汉字多为生僻字（全文{ideographs}个汉字中{rare}个不在常用的 GB2312 字表），"
                                 "不像中文文本，而像其他编码被误读"),
    "encoding.not_utf8_after_bom": "{problem}：文件开头标明是 UTF-8，这一行却不是 UTF-8",
    "encoding.utf32": "是 UTF-32 编码（文件开头标明），本程序只读 UTF-8、GB18030/GBK 或 UTF-16",
    "encoding.not_utf16_after_bom": "{problem}：文件开头标明是 UTF-16，这一行却不是有效的 UTF-16",
    "encoding.null_character": "含有空字符：像是开头没有 BOM 标记的 UTF-16，或不是文本文件",
    "encoding.mixed": "{problem}：前面各行是 UTF-8，这一行却不是（文件混有两种编码）",
    "encoding.big5": "{problem}：文件像是繁体中文 Big5 编码，本程序只读 UTF-8、GB18030/GBK 或 UTF-16",
    "encoding.unknown": "{problem}：文件不是 UTF-8、GB18030/GBK 或 UTF-16 编码",
    # Policy files (models/policy.py; toml.* above).
    "type.integer": "整数",
    "type.text": "文字",
    "type.list": "数组",
    "type.table": "表",
    "type.date": "日期",
    "toml.wrong_type": "应为{kind}，实际为 {actual}",
    "toml.not_table": "应为表",
    "policy.bad_level": "等级应为1至5",
    "policy.negative_amount": "金额不能为负数",
    "policy.unknown_rule": "没有这条规则（已知规则：{known}）",
    "policy.bad_levels": "应为1至5的整数数组",
    "policy.bad_pooling": "应为 prefecture（地市级统筹）或 province（省级统筹）",
    "policy.bad_sector": "应为统一社会信用代码首位的一个字符（数字或除I、O、S、V、Z以外的大写字母）",
    "policy.office_checked": ("参保缴费记录和证书由经办机构通过联网查询、信息比对核查（人社部发〔2017〕40号 二(二)）"
                              "，不列入申请人材料"),
    "policy.bad_shared_by": "应为 identity（身份信息经信息共享核验后免于出示），或不写",
    "policy.not_a_title": "不是文件标题（文件标题以“通知”“意见”“办法”等文种结尾）；政策说明请写在 summary",
    "policy.no_summary": "缺少此项：写明本期政策的说明（有经核对原文的文件标题时另写 title）",
    "policy.ends_before_start": "结束日期早于开始日期",
    "policy.bad_status": "应为 confirmed（已核对原文）或 unconfirmed（未核实）",
    "policy.confirmed_needs": "标为 confirmed（已核实）的来源须写明{what}",
    "policy.source_document": "文号",
    "policy.source_issuer": "发文机关",
    "policy.source_date": "发文日期",
    "policy.rule_not_changed": "本文件没有改这条规则",
    "policy.entry_not_set": "本文件没有设此项",
    "policy.bad_region": "应为6位行政区划代码",
    "policy.bad_kind": "应为 national 或 regional，实际为 {actual}",
    "policy.duplicate_id": "政策编号 {policy} 重复",
    "policy.periods_overlap": "与 {earlier} 的施行期间重叠（{earlier} 至 {ends_on}）",
    "policy.no_end_date": "无结束日期",
    "policy.not_loaded": "没有编号为 {policy} 的政策（已载入：{known}）",
    "policy.before_first": "申请日期{day}早于技能提升补贴政策施行日期{first}",
    "policy.none_loaded": "（未载入政策）",
    # Holiday arrangements (models/workdays.py).
    "calendar.not_a_date_list": "应为日期列表，例如 [2027-01-01, 2027-01-02]",
    "calendar.has_time": "“{item}”含有时间，只需写日期（如 {year}-01-01）",
    "calendar.no_such_date": "“{item}”不是有效日期，应写成 {year}-01-01 的形式",
    "calendar.not_a_date": "“{item}”不是日期，应写成 {year}-01-01 的形式",
    "calendar.other_year": "日期 {date} 不在 {year} 年内",
    "calendar.bad_file_name": "文件名应为 holidays-年份.toml，例如 holidays-2027.toml",
    "calendar.bad_toml": "不是有效的 UTF-8 TOML 文件：{error}",
    "calendar.unknown_key": "无法识别的键，只允许 year、source、holidays、workdays",
    "calendar.bad_year": "缺少年份或年份不是整数，例如 year = 2027",
    "calendar.year_differs": "年份 {year} 与文件名中的年份 {named} 不一致",
    "calendar.no_source": "请写明依据的通知名称，例如 国务院办公厅关于2027年部分节假日安排的通知",
    "calendar.missing_list": "缺少此键；没有日期时写空列表 []",
    "calendar.both": "日期 {date} 同时列为放假和上班",
    "calendar.weekday_workday": "{date} 是周一至周五，调休上班日应为周六或周日",
    # Database keys (models/keystore.py, key_moves.py).
    "key.unreadable": "无法读取数据库密钥 {path}：{reason}",
    "key.other_windows_account": "数据库密钥 {path} 不能由当前 Windows 账户解开（{error}）",
    "key.file_damaged": "数据库密钥文件 {path} 已损坏",
    "key.keyring_unreadable": "无法从系统密钥环读取数据库密钥：{error}",
    "key.keyring_damaged": "系统密钥环中的数据库密钥已损坏",
    "key.keyring_unwritable": "无法把数据库密钥存入系统密钥环：{error}",
    "key.other_key_same_id": "本机已有标识为 {key_id} 的另一把数据库密钥，未覆盖",
    "key.not_read_back": "数据库密钥存入 {where} 后读不回来",
    "key.folder_inside_data": "密钥文件夹 {keys} 在数据文件夹 {folder} 之内：密钥不能和数据库放在一起",
    "key.no_key_id": ("数据文件夹 {data_dir} 的数据库无法打开：文件已损坏，"
                      "或已加密而缺少密钥标识文件 {key_id_file}（请由管理员导入该文件夹导出的密钥）"),
    "key.not_here": ("数据文件夹 {data_dir} 的数据库已加密，本机当前用户没有它的密钥（{key_id}）："
                     "请由管理员在原来的电脑上导出密钥，再在本机导入"),
    "key.file_without_key_id": "{path} 已加密，但找不到它所属数据文件夹的密钥标识（{key_id_file}）",
    # Moving a key between computers (models/key_moves.py).
    "file.exists_not_overwritten": "{path} 已存在，不会覆盖",
    "key.passphrase_too_short": "口令至少{length}个字符",
    "key.folder_has_none": "数据文件夹 {data_dir} 没有加密密钥（尚未打开过或未加密）",
    "key.not_export_or_passphrase": "{file} 不是导出的密钥文件，或口令不对",
    "key.not_export": "{file} 不是导出的密钥文件",
    "key.other_folders": "{file} 是另一个数据文件夹的密钥（{key_id}），本文件夹的是 {own}",
    "key.does_not_open": "{file} 中的密钥打不开 {data_dir} 的数据库",
    "key.same_id_here": "本机已有另一把同标识（{key_id}）的密钥，未覆盖",
    # Backups, integrity records and the store (models/backup.py, integrity.py, store.py).
    "value.too_long": "不能超过{longest}个字符",
    "backup.no_database": "{data_dir} 中没有数据库，无需备份",
    "backup.check_failed": "备份未通过完整性检查，已放弃：{problem}",
    "backup.failed": "备份失败：{error}",
    "backup.folder_failed": "备份失败：备份文件夹 {folder} {reason}",
    "backup.not_restorable": "{file} 不能用于恢复：{problem}",
    "backup.restore_failed": "恢复失败：数据文件夹 {data_dir} {reason}",
    "integrity.no_subject": "请填写身份证号码或统一社会信用代码",
    "integrity.bad_subject_kind": "应为 person（申请人）或 employer（用人单位）",
    "integrity.not_found": "未找到诚信档案记录：{record}",
    "integrity.already_revoked": "该诚信档案记录已撤销",
    "store.encrypt_failed": "加密数据库失败（原文件未动）：{error}",
    "store.data_folder": "数据文件夹 {data_dir} {reason}",
    "store.locked": "数据库正被其他程序占用，请稍后重试",
    "store.io_error": "读写数据文件出错（磁盘故障或文件被移走），请检查数据文件夹",
    "store.read_only": "数据文件夹为只读，无法保存，请检查文件夹权限",
    "store.disk_full": "磁盘已满，无法保存，请清理磁盘空间后重试",
    "store.cannot_open": "无法打开数据文件，请检查数据文件夹是否存在且可写",
    "store.not_a_database": "数据文件已损坏或不是本程序的数据库",
    "store.malformed": "数据文件已损坏，请从备份恢复",
    # Names (models/names.py), a field day (field_mode.py), publicity, reports, pooling, oversight, purge,
    # approval, database encryption, sealed files.
    "name.person": "姓名",
    "name.holder": "户名",
    "name.employer": "单位名称",
    "name.empty": "{what}不能为空",
    "name.hidden_direction_control": "{what}含有不可见的文字方向控制字符（{code_point}），请重新输入",
    "name.hidden_control": "{what}含有不可见的控制字符（{code_point}），请重新输入",
    "name.surrogate": "{what}含有无效的字符编码（{code_point}），请重新输入",
    "name.invisible": "{what}只有空格或不可见的字符，请重新输入",
    "name.too_long": "{what}不能超过{limit}个字符（中心系统的上限），现有{length}个",
    "field.no_days": "本机还没有外出受理记录",
    "field.no_such_day": "没有外出受理记录 {day}",
    "field.no_place": "请填写外出地点（如 某某工业园）",
    "field.place_too_long": "外出地点不能超过100个字符",
    "field.no_employers": "请至少填写一家单位（统一社会信用代码或单位全称，每行一个）",
    "field.too_many_employers": "一次最多{most}家单位",
    "field.already_out": "本机已处于外出受理状态；请先结束当前外出（返回办公室并对账）",
    "field.not_out": "本机不在外出受理状态",
    "date.expected": "应为日期 YYYY-MM-DD",
    "date.expected_brackets": "应为日期（YYYY-MM-DD）",
    "publicity.none_chosen": "请选择要公示的案件",
    "publicity.starts_before_today": "公示开始日期{starts_on}早于今天（{today}）",
    "publicity.starts_on_holiday": "{starts_on}不是工作日，公示应从工作日开始（下一个工作日为{next_workday}）",
    "publicity.cannot_end": "公示批次 {batch_no} 状态为“{state}”，不能结束公示",
    "report.bad_year": "年份应为2000到2200之间的整数，收到 {received}",
    "report.bad_month": "月份应为1到12，收到 {received}",
    "report.bad_month_text": "应为 YYYY-MM（例如 2026-11），收到 {received}",
    "report.bad_quarter": "季度应为1到4，收到 {received}",
    "report.bad_quarter_text": "应为 YYYY-Qn（例如 2026-Q3），收到 {received}",
    "pooling.unreadable": "无法读取统筹地区表：{error}",
    "pooling.not_codes": "应为代码列表",
    "pooling.bad_code": "“{value}”应为{lengths}位数字",
    "pooling.either": "{first}或{second}",
    "reference.missing_column": "参考数据文件缺少此列",
    "file.no_such_folder": "无法写入 {path}：请给出已有文件夹中的文件名",
    "purge.bad_years": "保存年限应为{low}到{high}之间的整数，收到 {received}",
    "purge.too_late": "{cutoff} 晚于保存期限允许的 {latest}（结案后保存{years}年）；只能清除在此日期之前结案的案件",
    "purge.audit_broken": "审计记录未通过核验，不能清除（先查明原因）：{reason}",
    "approval.refused": "不能审批 {refused}",
    "approval.some_refused": "{total}件中有{count}件不能审批，本次未审批任何案件：{refused}",
    "approval.none_chosen": "请选择要审批的案件",
    "store.changed_while_encrypting": "数据库在加密时被其他程序改动，已放弃加密（原文件未动），请关闭其他程序后重试",
    "store.encrypted_copy_differs": "加密后的副本与原数据库不一致，已放弃加密（原文件未动）：{rows}",
    "sealed.cannot_open": "文件 {path} 无法解密：已被改动、不完整，或不属于本数据文件夹",
    "sealed.folder_not_open": "文件 {path} 已加密，但它所属的数据文件夹未打开",
    # The program's own settings (desktop/settings.py).
    "settings.bad_language": "界面语言应为简体中文（zh_CN）或 English（en）",
    "settings.bad_receipt_format": "回执纸张应为 A4（a4）或 80毫米热敏纸（80mm）",
    "settings.central_url_not_text": "中心系统地址应为文字，例如 https://zhanchi.example.gov.cn",
    "settings.bad_central_url": ("中心系统地址应以 http:// 或 https:// 开头，例如 https://zhanchi.example.gov.cn；"
                                 "不用时留空"),
    "settings.idle_minutes_not_integer": "自动锁屏时间应为整数，范围 {low}–{high} 分钟",
    "settings.idle_minutes_range": "自动锁屏时间应在 {low}–{high} 分钟之间，现为 {value} 分钟",
    "settings.font_scale_not_integer": "字体放大比例应为整数，范围 {low}–{high}%",
    "settings.font_scale_range": "字体放大比例应在 {low}–{high}%之间，现为 {value}%",
    "settings.what_settings": "设置",
    "settings.what_window": "窗口位置",
    "settings.folder_unwritable": "{what}未保存：无法写入数据文件夹 {folder}：{reason}",
    "settings.file_unwritable": "{what}未保存：无法写入 {path}：{reason}",
    # The ID card reader (desktop/devices/idcard).
    "reader.bad_setting": "不认识的身份证阅读器设置“{setting}”：应为 simulated、termb 或 termb:库文件路径@端口",
    "reader.bad_port": "身份证阅读器端口“{port}”应为数字（USB 1001–1016，串口 1–16）",
    "reader.no_card": "读卡器上没有身份证：请将身份证放在读卡器上",
    "reader.no_library": ("找不到身份证阅读器的驱动库（{library}）：请安装读卡器厂商的驱动，"
                          "或在设置中写明库文件路径（{error}）"),
    "reader.not_termb": "驱动库 {library} 不是 termb 接口：缺少函数 {error}",
    "reader.not_connected_port": "身份证阅读器未连接（已尝试端口 {port}）：请检查读卡器的连线和电源",
    "reader.not_connected": "身份证阅读器未连接（已尝试USB 和串口）：请检查读卡器的连线和电源",
    "reader.read_failed": "读卡失败：请将身份证放稳后重新读卡",
    "reader.no_wz_txt": "读卡器没有给出身份证信息（未找到 wz.txt）：请检查读卡器驱动的安装",
    "reader.bad_date": "读卡数据有误：{what}“{text}”不是日期",
    "reader.birth_date": "出生日期",
    "reader.valid_from": "有效期起始日期",
    "reader.valid_until": "有效期截止日期",
    "reader.short_data": "读卡数据不完整（{length} 字节，应为 {size} 字节）",
    "reader.not_ucs2": "读卡数据无法识别（不是 UCS-2 文字）",
    "reader.bad_id_number": "读卡数据有误：公民身份号码“{id_number}”校验不通过",
    # The counter's documents (desktop/documents): what a print refuses.
    "document.receipt_not_accepted": "{case_no}：案件尚未受理，没有受理回执",
    "document.receipt_withdrawn": "{case_no}：案件已撤回，不再出具受理回执",
    "document.notice_closed": "{case_no}：案件状态为“{state}”，已不再补充材料，不出具一次性告知书",
    "document.notice_nothing_missing": "{case_no}：申请材料已齐全，没有需要一次性告知的材料",
    "document.decision_undecided": "{case_no}：案件尚未作出决定（当前状态：{state}），不能出具审核决定书",
    "document.decision_no_reason": ("{case_no}：不予核发决定没有记载理由（核验各项均符合，审核人也未写明理由），"
                                    "不能出具审核决定书"),
    "document.decision_zero_amount": "{case_no}：已批准案件的补贴金额为0，请核对后再出具审核决定书",
    "document.payment_notice_not_failed": "{case_no}：案件状态为“{state}”，不是发放失败，不出具发放失败补正通知书",
    "document.withdrawal_not_withdrawn": "{case_no}：案件状态为“{state}”，尚未撤回，不出具申请撤回确认书",
    "document.bad_format": "应为 a4 或 80mm，收到 {received}",
    "document.no_such_kind": "没有这种文书：{kind}",
    "document.unprintable": ("无法打印：字符 {characters} 不在随附的任何字体中，打印出来会缺字。"
                             "请核对该字（如为异体字，请按身份证件上的写法改用通用规范汉字）后重新打印"),
    "publicity.not_published": "公示批次 {batch_no} 尚未发布，发布后才能打印公示名单",
    "file.is_folder_pdf": "{path} 是文件夹，请给出 PDF 文件名",
    "file.wrong_suffix": "文件名应以 {suffixes} 结尾，收到 {name}",
    "file.either_suffix": "{first} 或 {second}",
    "file.not_a_folder_for_lists": "{folder} 不是文件夹；按单位打印名单时应给出一个文件夹",
    "file.cannot_make_folder": "无法建立文件夹 {folder}：{reason}",
    # The central system and this device's credential (desktop/sync).
    "central.bad_url": "中心系统地址应形如 https://zhanchi.example.gov.cn 或 http://127.0.0.1:8700，收到“{url}”",
    "central.needs_https": ("中心系统地址须以 https:// 开头（加密传输并校验证书），收到“{url}”；明文 http:// "
                            "只能用于本机地址（127.0.0.1），或在注册时明确同意以明文连接（将记入日志）"),
    "central.bad_ca_bundle": "无法读取证书文件“{file}”（应为 PEM 格式的 CA 证书）：{error}",
    "central.no_answer": "中心系统无响应（{error}）：{url}",
    "central.certificate_untrusted": ("中心系统 {url} 的证书无法验证（不是受信任的机构签发，或与地址不符）；"
                                      "省级自建 CA 请在注册时指定其证书"),
    "central.cannot_connect": "无法连接中心系统 {url}（{error}）",
    "central.busy": "中心系统暂时无法处理请求（HTTP {status}）：{detail}",
    "central.not_accepted": "中心系统不接受请求（HTTP {status}）：{detail}",
    "central.unreadable_answer": "中心系统的应答无法识别（{error}）",
    "central.bad_id_number": "身份证号码“{id_number}”格式不对，未向中心系统查询",
    "central.answer_mismatch": "中心系统的应答与提交的变更不对应",
    "central.cursor_stuck": "中心系统说还有更新，却没有推进同步游标",
    "sync.not_registered": "本机尚未注册到中心系统，请先注册本机（凭中心系统管理员发放的注册令牌）",
    "sync.no_data": "数据文件夹 {folder} 中还没有数据，本机也未注册到中心系统",
    "sync.bad_office_code": "办事处代码应为6位数字，收到“{office}”",
    "sync.bad_device_name": "本机名称应为1到64个字",
    "sync.other_office": "本数据文件夹属于办事处 {office}，不能注册到 {other}",
    "device.cannot_save": "无法保存设备凭据 {path}：{reason}",
    # What the command line reads and checks before it asks the core (desktop/cli); its hints naming its
    # own commands and options are added there (cli/common.py).
    "file.cannot_read": "无法读取 {file}：{reason}",
    "file.not_utf8": "{file} 不是 UTF-8 编码的文本",
    "file.not_found_backup": "找不到备份文件 {file}",
    "file.not_found_key": "找不到密钥文件 {file}",
    "file.first_line_empty": "{file} 的第一行是空的",
    "json.invalid": "不是有效的 JSON（第{line}行第{column}列：{error}）",
    "json.too_deep": "JSON 嵌套层数过多，不是受理数据",
    "json.number_too_long": "JSON 中有位数过多的数字，不是受理数据",
    "store.no_data": "数据文件夹 {folder} 中还没有数据",
    "store.no_cases": "数据文件夹 {folder} 中还没有案件数据",
    "publicity.no_batch_no_data": "没有公示批次 {batch}（数据文件夹 {folder} 中还没有数据）",
    "publicity.no_such_batch": "没有公示批次 {batch}，请核对批次号",
    "case.no_case_no_data": "没有此案件 {case_no}（数据文件夹 {folder} 中还没有案件数据）",
    "case.no_such_case": "没有此案件 {case_no}，请核对受理编号",
    "staff.no_active_user": "没有用户 {username}，或该账户已停用",
    "permission.cannot_accept": "{username}（{role}）无权受理案件",
    "permission.cannot_pay": "{username}（{role}）无权办理发放",
    "backup.none_usable": "{data_dir} 中没有可用的备份",
    "key.passphrases_differ": "两次输入的口令不一致",
    "value.not_negative": "应为非负整数",
    "value.at_least": "应不少于 {least}，收到 {received}",
    "value.one_to": "应为1到{most}之间的整数",
    "value.one_to_received": "应为1到{most}之间的整数，收到 {received}",
    "bench.unknown_keys": "未知指标 {unknown}（可用：{known}）",
    "purge.below_retention": "不得小于设定的保存年限（结案后{years}年）",
    "purge.retention_needs_admin": "设定保存年限须写明管理员账号",
    "report.not_yet": "{period} 尚未到来（机构所在时区今天是 {today}）",
    "report.not_begun": "{period} 尚未开始（机构所在时区今天是 {today}）",
    "date.expected_received": "日期应写成 YYYY-MM-DD，收到“{received}”",
})


def _unchanged(context: str, text: str) -> str:
    return text


def label_context(value: Enum) -> str:
    """The translation context of a domain value's label: its own ``label_context``, else ``LABELS_CONTEXT``."""
    context = getattr(value, "label_context", LABELS_CONTEXT)
    return context if isinstance(context, str) else LABELS_CONTEXT


@dataclass(frozen=True)
class Phrase:
    """A catalogued text with its parameters, said inside another message (what an operating-system
    error means, the reason a value was refused): translated with the message that holds it."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str, **params: Any) -> Self:
        return cls(code, params)

    def said(self, translate: Translate) -> str:
        return render(self.code, self.params, translate)

    def __str__(self) -> str:
        return render(self.code, self.params)


def _as_said(value: Any, translate: Translate) -> str:
    said = getattr(value, "said", None)
    if callable(said):  # a Phrase, or a core error quoted inside another
        return str(said(translate))
    label = getattr(value, "label", None)
    if isinstance(value, Enum) and isinstance(label, str):
        return translate(label_context(value), label)
    return str(value)


def render(code: str, params: Mapping[str, Any], translate: Translate = _unchanged) -> str:
    """The message ``code`` with ``params`` put in, in the language ``translate`` gives (Chinese by default)."""
    template = translate(CONTEXT, MESSAGES[code])
    return template.format_map({name: _as_said(value, translate) for name, value in params.items()})


__all__ = ["CONTEXT", "LABELS_CONTEXT", "MESSAGES", "STATE_CONTEXT", "Phrase", "Translate", "label_context", "render"]
