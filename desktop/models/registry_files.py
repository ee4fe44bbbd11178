"""Registry files (CONTRACTS.md "Registry and outreach files"): read and check them.

Pure: no database, so the central system reads the same files the same way.
A file is CSV or XLSX, with a header row; a CSV in UTF-8 (Excel's BOM accepted), GB18030/GBK or
UTF-16 with a BOM, found by ``text_encoding`` (any other encoding is refused naming the line).  The
column sets below are the single source of truth; import them, don't retype.

Parsing streams: ``iter_registry`` yields one checked row at a time, and
``read_registry`` keeps only the valid rows as tuples (plus the raw cells of
the rejected ones, to write them back for fixing), never the whole file.

Every bad value becomes a ``RowError`` naming the spreadsheet row (header = 1)
and the canonical column; a file that cannot be read at all, or lacks a
required column, raises ``InvalidInput("FILE", ...)``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from desktop.models import text_encoding
from desktop.models.application import CERT_KINDS
from desktop.models.errors import InvalidInput, os_error_phrase
from desktop.models.files import private_output
from desktop.models.identity import (
    PROVINCE_PREFIXES,
    check_id_number,
    check_mobile,
    check_region_code,
    check_uscc,
    id_check_matches,
    normalize_certificate_number,
)
from desktop.models.names import MAX_EMPLOYER_NAME, MAX_PERSON_NAME
from desktop.models.pooling import region_list
from desktop.models.spreadsheet_cells import restore_text, safe_row
from desktop.models.text_encoding import Encoding

RegistryKind = Literal["insured", "certificates"]
KINDS: tuple[RegistryKind, ...] = ("insured", "certificates")

INSURED_COLUMNS: tuple[str, ...] = (
    "id_number",
    "name",
    "employer_uscc",
    "employer_name",
    "insured_region",
    "contribution_months",
    "phone",
    "receiving_unemployment_benefit",
)
CERTIFICATE_COLUMNS: tuple[str, ...] = (
    "number",
    "id_number",
    "kind",
    "level",
    "occupation_code",
    "occupation_name",
    "issue_date",
    "issuer",
)
COLUMNS: dict[RegistryKind, tuple[str, ...]] = {"insured": INSURED_COLUMNS, "certificates": CERTIFICATE_COLUMNS}
# Columns a file may leave out; every row then gets the default ("" or false).
OPTIONAL_COLUMNS: dict[RegistryKind, frozenset[str]] = {
    "insured": frozenset({"employer_uscc", "employer_name", "phone", "receiving_unemployment_benefit"}),
    "certificates": frozenset({"occupation_name", "issuer"}),
}
REQUIRED_COLUMNS: dict[RegistryKind, tuple[str, ...]] = {
    kind: tuple(c for c in columns if c not in OPTIONAL_COLUMNS[kind]) for kind, columns in COLUMNS.items()
}
# The primary key of each registry: at most once per file.
KEY_COLUMN: dict[RegistryKind, str] = {"insured": "id_number", "certificates": "number"}

# What a person calls each column: for the column-mapping step and for suggestions.
COLUMN_LABELS: dict[str, str] = {
    "id_number": "身份证号码",
    "name": "姓名",
    "employer_uscc": "单位统一社会信用代码",
    "employer_name": "单位名称",
    "insured_region": "参保地行政区划代码",
    "contribution_months": "累计缴费月数",
    "phone": "联系电话",
    "receiving_unemployment_benefit": "是否领取失业保险金",
    "number": "证书编号",
    "kind": "证书类别",
    "level": "证书等级",
    "occupation_code": "职业编码",
    "occupation_name": "职业名称",
    "issue_date": "发证日期",
    "issuer": "发证机构",
}
# Headers seen in real exports, for ``suggest_mapping`` (exact match after trimming).
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号码", "身份证号", "公民身份号码", "证件号码", "身份证"),
    "name": ("姓名", "参保人姓名", "持证人姓名"),
    "employer_uscc": ("单位统一社会信用代码", "统一社会信用代码", "社会信用代码"),
    "employer_name": ("单位名称", "参保单位", "参保单位名称", "工作单位"),
    "insured_region": ("参保地行政区划代码", "参保地", "参保地区划", "参保地代码", "参保统筹区"),
    "contribution_months": ("累计缴费月数", "缴费月数", "累计缴费月份", "失业保险缴费月数"),
    "phone": ("联系电话", "手机号码", "手机号", "电话"),
    "receiving_unemployment_benefit": ("是否领取失业保险金", "领取失业保险金", "是否领金"),
    "number": ("证书编号", "证书号码", "证书号"),
    "kind": ("证书类别", "证书类型", "证书种类"),
    "level": ("证书等级", "等级", "技能等级", "职业等级"),
    "occupation_code": ("职业编码", "职业代码", "职业（工种）编码"),
    "occupation_name": ("职业名称", "职业（工种）名称", "工种"),
    "issue_date": ("发证日期", "发证时间", "颁证日期"),
    "issuer": ("发证机构", "发证单位", "评价机构"),
}
_ALIASES = {c: frozenset(unicodedata.normalize("NFKC", a) for a in names) for c, names in _HEADER_ALIASES.items()}

ERROR_COLUMN = "error"  # the extra column of a rejects file

MAX_CONTRIBUTION_MONTHS = 960  # 80 years: anything above is a typo
# Column widths of the registry tables; SQLite would not enforce them, PostgreSQL would.
_MAX_LENGTH = {
    "name": MAX_PERSON_NAME,
    "employer_name": MAX_EMPLOYER_NAME,
    "phone": 32,
    "number": 64,
    "occupation_code": 16,
    "occupation_name": 64,
    "issuer": 128,
}
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_WHITESPACE = re.compile(r"\s+")
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")  # the fast path of _id_number
_MOBILE_SHAPE = re.compile(r"1[3-9][0-9]{9}")
_OCCUPATION_CODE = re.compile(r"\d-\d{2}-\d{2}-\d{2}")
_OCCUPATION_DIGITS = re.compile(r"\d{7}")
_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_PHONE_CHARS = frozenset("0123456789+-()/ 转")
_TRUE = frozenset({"true", "1", "是", "yes", "y"})
_FALSE = frozenset({"false", "0", "否", "no", "n", ""})
_LEVEL_WORDS = {
    "一级": 1, "高级技师": 1,
    "二级": 2, "技师": 2,
    "三级": 3, "高级": 3, "高级工": 3,
    "四级": 4, "中级": 4, "中级工": 4,
    "五级": 5, "初级": 5, "初级工": 5,
}  # fmt: skip
_KIND_WORDS = {
    "skill_level": "skill_level",
    "职业技能等级证书": "skill_level",
    "技能等级证书": "skill_level",
    "qualification": "qualification",
    "职业资格证书": "qualification",
    "资格证书": "qualification",
}


@dataclass(frozen=True)
class RowError:
    """One bad value: ``row`` is the spreadsheet row number (the header is row 1)."""

    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 {self.column}：{self.message}"


@dataclass
class RegistryFile:
    """A checked registry file.

    ``rows`` are the valid rows as tuples in ``COLUMNS[kind]`` order, typed:
    insured ``(str, str, str, str, str, int, str, bool)``; certificates
    ``(str, str, str, int, str, str, date, str)``.  ``total`` counts the data
    rows (blank lines not included); ``rejected_rows`` keeps the original
    cells of each bad row for ``write_rejects``.
    """

    kind: RegistryKind
    rows: list[tuple[Any, ...]]
    errors: list[RowError]
    total: int
    header: tuple[str, ...] = ()
    rejected_rows: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    source: str = ""

    @property
    def rejected(self) -> int:
        """How many rows have at least one error."""
        return len(self.rejected_rows)

    def errors_by_row(self) -> dict[int, list[RowError]]:
        grouped: dict[int, list[RowError]] = {}
        for error in self.errors:
            grouped.setdefault(error.row, []).append(error)
        return grouped


class CheckedRow(NamedTuple):
    """What ``iter_registry`` yields for each data row: values, or errors (never both)."""

    row: int
    values: tuple[Any, ...] | None
    errors: tuple[RowError, ...]
    cells: tuple[str, ...]  # the row as the file has it, as text


class _Bad(Exception):
    """A cell's value is wrong; the message is the Chinese sentence for the person."""


# --------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text: CSV cells are already text; XLSX gives numbers, dates and None.

    A cell the program marked as text on writing it (``'=...``, ``'+86 ...``: a rejects
    file being imported again, a bank's result file) reads back as it was."""
    if value is None:
        return ""
    if type(value) is str:
        text = value.strip()
        return restore_text(text).strip() if text[:1] == "'" else text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _required_text(value: Any, column: str) -> str:
    text = _text(value)
    if not text:
        raise _Bad(f"{COLUMN_LABELS[column]}不能为空")
    return _limited(text, column)


def _limited(text: str, column: str) -> str:
    limit = _MAX_LENGTH.get(column)
    if limit is not None and len(text) > limit:
        raise _Bad(f"{COLUMN_LABELS[column]}不能超过{limit}个字符，实际{len(text)}个")
    return text


def _id_number(value: Any, today: dt.date) -> str:
    if type(value) is str:
        # Fast path for the clean numbers of a system export; anything it does
        # not accept goes through check_id_number, which has the messages.
        text = value.strip().upper()
        if _ID_SHAPE.fullmatch(text) and text[:2] in PROVINCE_PREFIXES and id_check_matches(text):
            try:
                birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
            except ValueError:
                birth = None
            if birth is not None and birth <= today:
                return text
    elif isinstance(value, float):
        # Excel keeps 15 significant digits: the last digits of the number are gone.
        raise _Bad("身份证号码被Excel存成了数字，后几位已丢失；请把该列设为“文本”格式后重新填写")
    text = _text(value)
    if not text:
        raise _Bad("身份证号码不能为空")
    try:
        return check_id_number(text, "id_number", today=today).number
    except InvalidInput as exc:
        raise _Bad(exc.reason) from None


def _certificate_number(value: Any) -> str:
    if isinstance(value, float):
        raise _Bad("证书编号被Excel存成了数字，后几位已丢失；请把该列设为“文本”格式后重新填写")
    number = normalize_certificate_number(_text(value))
    if not number:
        raise _Bad("证书编号不能为空")
    return _limited(number, "number")


def _uscc(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    try:
        return check_uscc(text, "employer_uscc")
    except InvalidInput as exc:
        raise _Bad(exc.reason) from None


def _region(value: Any) -> str:
    if type(value) is str and value in region_list():
        return value  # the common case, without normalising
    try:
        return check_region_code(_text(value), "insured_region")
    except InvalidInput as exc:
        raise _Bad(exc.reason) from None


def _integer(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise _Bad(f"{what}应为整数，收到“{_text(value)}”")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Bad(f"{what}应为整数，收到“{_text(value)}”")
    text = unicodedata.normalize("NFKC", _text(value))
    if not text:
        raise _Bad(f"{what}不能为空")
    if text.endswith(".0"):  # "40.0" from a spreadsheet that saw a number
        text = text[:-2]
    sign = text[1:] if text[:1] in "+-" else text
    if not (sign.isascii() and sign.isdigit()):
        raise _Bad(f"{what}应为整数，收到“{text}”")
    return int(text)


def _months(value: Any) -> int:
    months = _integer(value, "累计缴费月数")
    if months < 0:
        raise _Bad(f"累计缴费月数不能为负数，收到{months}")
    if months > MAX_CONTRIBUTION_MONTHS:
        raise _Bad(f"累计缴费月数{months}不合理（超过{MAX_CONTRIBUTION_MONTHS}个月），请核对")
    return months


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Bad(f"应为 true/false、1/0 或 是/否，收到“{_text(value)}”")


def _phone(value: Any) -> str:
    if type(value) is str and _MOBILE_SHAPE.fullmatch(value):
        return value
    text = unicodedata.normalize("NFKC", _text(value)).strip()
    if not text:
        return ""
    try:
        return check_mobile(text)
    except InvalidInput:
        pass  # landlines and extensions are kept as written
    bad = next((c for c in text if c not in _PHONE_CHARS), None)
    if bad is not None:
        raise _Bad(f"联系电话含有无效字符“{bad}”：只能包含数字、空格和 + - ( ) /")
    if sum(c.isdigit() for c in text) < 7:
        raise _Bad(f"联系电话“{text}”位数太少，请核对")
    return _limited(text, "phone")


def _kind(value: Any) -> str:
    text = _WHITESPACE.sub("", _text(value))
    kind = _KIND_WORDS.get(text.lower())
    if kind is None:
        if not text:
            raise _Bad("证书类别不能为空")
        raise _Bad(f"证书类别应为 {' 或 '.join(CERT_KINDS)}（职业技能等级证书 / 职业资格证书），收到“{text}”")
    return kind


def _level(value: Any) -> int:
    text = _WHITESPACE.sub("", _text(value))
    if text in _LEVEL_WORDS:
        return _LEVEL_WORDS[text]
    level = _integer(value, "证书等级")
    if not 1 <= level <= 5:
        raise _Bad(f"证书等级应为1至5（5为初级/五级，1为高级技师/一级），收到{level}")
    return level


def _occupation_code(value: Any) -> str:
    code = _WHITESPACE.sub("", unicodedata.normalize("NFKC", _text(value)))
    if not code:
        raise _Bad("职业编码不能为空")
    if _OCCUPATION_DIGITS.fullmatch(code):  # 6180101 -> 6-18-01-01
        code = f"{code[0]}-{code[1:3]}-{code[3:5]}-{code[5:]}"
    if not (code.isascii() and _OCCUPATION_CODE.fullmatch(code)):
        raise _Bad(f"职业编码应形如 6-18-01-01（国家职业分类大典），收到“{code}”")
    return code


def _issue_date(value: Any, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _text(value)
        if not text:
            raise _Bad("发证日期不能为空")
        match = _DATE.fullmatch(text)
        if match is None:
            raise _Bad(f"日期格式应为 YYYY-MM-DD，收到“{text}”")
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise _Bad(f"日期“{text}”不存在，请核对") from None
    if day > today:
        raise _Bad(f"发证日期{day.isoformat()}晚于今天（{today.isoformat()}），请核对")
    return day


def _optional_text(column: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        return _limited(_text(value), column)

    return parse


def _pooled(parse: Callable[[Any], Any], pool: dict[Any, Any]) -> Callable[[Any], Any]:
    """Equal values share one object: a million rows hold a few hundred employers, not a million copies.
    Each distinct cell of the column is parsed and checked once (a credit code's check character is
    worked out for each of the few thousand employers, not for each of a million rows); a value that
    fails is not remembered, so every row with it is reported."""
    seen: dict[Any, Any] = {}

    def parse_pooled(value: Any) -> Any:
        try:
            return seen[value]
        except (KeyError, TypeError):  # TypeError: a cell value that cannot be a key
            pass
        parsed = parse(value)
        pooled = pool.setdefault(parsed, parsed)
        with contextlib.suppress(TypeError):
            seen[value] = pooled
        return pooled

    return parse_pooled


# Columns whose values repeat from row to row.
_POOLED_COLUMNS = frozenset(
    {"employer_uscc", "employer_name", "insured_region", "occupation_code", "occupation_name", "issue_date", "issuer"}
)


def _parsers(kind: RegistryKind, today: dt.date) -> dict[str, Callable[[Any], Any]]:
    parsers = _plain_parsers(kind, today)
    pool: dict[Any, Any] = {}
    return {c: _pooled(p, pool) if c in _POOLED_COLUMNS else p for c, p in parsers.items()}


def _plain_parsers(kind: RegistryKind, today: dt.date) -> dict[str, Callable[[Any], Any]]:
    if kind == "insured":
        return {
            "id_number": lambda v: _id_number(v, today),
            "name": lambda v: _required_text(v, "name"),
            "employer_uscc": _uscc,
            "employer_name": _optional_text("employer_name"),
            "insured_region": _region,
            "contribution_months": _months,
            "phone": _phone,
            "receiving_unemployment_benefit": _yes_no,
        }
    return {
        "number": _certificate_number,
        "id_number": lambda v: _id_number(v, today),
        "kind": _kind,
        "level": _level,
        "occupation_code": _occupation_code,
        "occupation_name": _optional_text("occupation_name"),
        "issue_date": lambda v: _issue_date(v, today),
        "issuer": _optional_text("issuer"),
    }


_DEFAULTS: dict[str, Any] = {"receiving_unemployment_benefit": False}


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _file_error(path: Path, code: str, **params: Any) -> InvalidInput:
    """The file refused as catalogue message ``code`` says (its templates start with ``{file}``)."""
    return InvalidInput.about("FILE", code, file=path.name, **params)


def _is_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _csv_encoding(path: Path) -> Encoding:
    """UTF-8 (BOM or not), GB18030 (Excel's plain "CSV" on a Chinese system) or UTF-16 with a BOM
    (Excel's "Unicode text"), checked through the whole file; anything else is refused naming the
    line (``text_encoding``).  Remembered per file version: the mapping step reads the header,
    then the import reads the file."""
    info = path.stat()
    return _detected(str(path.resolve()), info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _detected(path: str, _size: int, _mtime_ns: int) -> Encoding:
    return text_encoding.detect(Path(path))


def _csv_records(path: Path) -> Iterator[list[Any]]:
    encoding = _csv_encoding(path)
    try:
        with path.open(encoding=encoding.name, newline="") as handle:
            yield from csv.reader(handle, delimiter=encoding.delimiter)
    except UnicodeDecodeError:  # changed since it was checked
        raise _file_error(path, "registry_file.changed_encoding", encoding=encoding.label,
                          save_as=text_encoding.SAVE_AS) from None
    except csv.Error as exc:
        raise _file_error(path, "registry_file.bad_csv", error=exc) from None


def _xlsx_records(path: Path) -> Iterator[tuple[Any, ...]]:
    import zipfile

    from openpyxl import load_workbook  # only XLSX needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # "no default style" and similar: harmless for reading values.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _file_error(path, "registry_file.bad_xlsx", error=exc) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _records(path: Path) -> Iterator[Sequence[Any]]:
    """The file's rows as cell sequences, streamed."""
    path = Path(path)
    if not path.is_file():
        raise _file_error(path, "registry_file.not_a_file" if path.exists() else "registry_file.no_file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            if _is_zip(path):
                raise _file_error(path, "registry_file.xlsx_named_csv")
            return _csv_records(path)
        if suffix in _XLSX_SUFFIXES:
            if not _is_zip(path):
                raise _file_error(path, "registry_file.not_xlsx")
            return _xlsx_records(path)
    except OSError as exc:
        raise _file_error(path, "file.unreadable", reason=os_error_phrase(exc)) from None
    if suffix == ".xls":
        raise _file_error(path, "registry_file.xls")
    raise _file_error(path, "registry_file.wrong_kind")


def _blank(cells: Sequence[Any]) -> bool:
    first = cells[0]
    if first is not None and (type(first) is not str or first.strip()):
        return False  # the common case, decided on the first cell
    return all(c is None or (type(c) is str and not c.strip()) for c in cells)


def _numbered(path: Path) -> Iterator[tuple[int, Sequence[Any]]]:
    """(spreadsheet row number, cells) for every non-blank row; the first one is the header."""
    records = _records(path)
    try:
        for number, cells in enumerate(records, start=1):
            if cells and not _blank(cells):
                yield number, cells
    except OSError as exc:
        raise _file_error(path, "registry_file.read_failed", reason=os_error_phrase(exc)) from None


def read_headers(path: Path) -> list[str]:
    """The header row as written, for the column-mapping step."""
    rows = _numbered(Path(path))
    try:
        first = next(rows, None)
    finally:
        rows.close()  # type: ignore[attr-defined]
    if first is None:
        raise _file_error(Path(path), "file.no_header")
    return [_text(c) for c in first[1]]


def suggest_mapping(headers: Iterable[str], kind: RegistryKind) -> dict[str, str]:
    """File header -> canonical column for the headers we recognise (Chinese labels).

    A column the file already names canonically is never suggested again.
    """
    headers = list(headers)
    wanted = set(COLUMNS[kind])

    def key(header: str) -> str:
        return _WHITESPACE.sub("", unicodedata.normalize("NFKC", header or ""))

    taken = {key(h).lower() for h in headers} & wanted
    suggestion: dict[str, str] = {}
    for header in headers:
        for column in COLUMNS[kind]:
            if column not in taken and key(header) in _ALIASES[column]:
                suggestion[header] = column
                taken.add(column)
                break
    return suggestion


def _column_positions(
    path: Path, header: Sequence[Any], kind: RegistryKind, mapping: Mapping[str, str] | None
) -> dict[str, int]:
    columns = COLUMNS[kind]
    mapping = {str(k).strip(): v for k, v in (mapping or {}).items()}
    for target in mapping.values():
        if target not in columns:
            raise InvalidInput.about("mapping", "registry_file.unknown_column", column=target, kind=kind,
                                     columns=",".join(columns))
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _text(cell)
        column = mapping.get(name)
        if column is None and name.lower() in columns:
            column = name.lower()
        if column is None:
            continue  # extra columns are ignored
        if column in positions:
            raise _file_error(path, "registry_file.column_twice", first=positions[column] + 1, second=index + 1,
                              column=column)
        positions[column] = index
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in positions]
    if missing:
        names = "、".join(f"{c}（{COLUMN_LABELS[c]}）" for c in missing)
        raise _file_error(path, "registry_file.missing_columns", columns=names, header=",".join(columns))
    return positions


def iter_registry(
    path: Path,
    kind: RegistryKind,
    mapping: Mapping[str, str] | None = None,
    *,
    today: dt.date,
) -> tuple[tuple[str, ...], Iterator[CheckedRow]]:
    """The header as written and a stream of checked rows.

    File-level problems (unreadable, not CSV/XLSX, empty, a required column
    missing) raise ``InvalidInput("FILE", ...)`` here, before any row; a
    file that turns out to be unreadable half-way raises while streaming.
    ``today`` (the office's date) bounds issue and birth dates.
    """
    header, checked = _open(Path(path), kind, mapping, today)
    return header, (CheckedRow._make(item) for item in checked)


Progress = Callable[[int, int], None]  # (rows checked, rows expected; 0 when not known)
PROGRESS_STEP = 5000  # rows between progress reports


def read_registry(
    path: Path,
    kind: RegistryKind,
    mapping: Mapping[str, str] | None = None,
    *,
    today: dt.date,
    progress: Progress | None = None,
) -> RegistryFile:
    """Read and check a whole registry file; see ``iter_registry``.  ``progress`` hears how far the
    check has come every ``PROGRESS_STEP`` rows and once at the end (the window's import)."""
    header, checked = _open(Path(path), kind, mapping, today)
    if progress is not None:
        checked = _reporting(checked, progress, estimate_rows(Path(path)))
    rows: list[tuple[Any, ...]] = []
    errors: list[RowError] = []
    rejected: list[tuple[int, tuple[str, ...]]] = []
    total = 0
    for number, values, row_errors, cells in checked:
        total += 1
        if values is not None:
            rows.append(values)
        else:
            errors.extend(row_errors)
            rejected.append((number, cells))
    return RegistryFile(
        kind=kind, rows=rows, errors=errors, total=total, header=header, rejected_rows=rejected, source=str(path)
    )


# (row number, values or None, errors, the row's cells as text when rejected)
_Checked = tuple[int, "tuple[Any, ...] | None", "tuple[RowError, ...]", "tuple[str, ...]"]


def _reporting(checked: Iterator[_Checked], progress: Progress, estimate: int) -> Iterator[_Checked]:
    """``checked`` as it is, telling ``progress`` on the way (apart from the plain loop, which a
    million-row import runs without a test per row)."""
    count = 0
    for row in checked:
        count += 1
        if count % PROGRESS_STEP == 0:
            progress(count, max(estimate, count + 1) if estimate else 0)
        yield row
    progress(count, count)


def estimate_rows(path: Path) -> int:
    """Data rows of a CSV by counting line ends (fast, approximate); 0 when unknown (XLSX)."""
    if path.suffix.lower() != ".csv":
        return 0
    count = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                count += chunk.count(b"\n")
    except OSError:
        return 0
    return max(count - 1, 0)


def _open(
    path: Path, kind: RegistryKind, mapping: Mapping[str, str] | None, today: dt.date
) -> tuple[tuple[str, ...], Iterator[_Checked]]:
    if kind not in COLUMNS:
        raise InvalidInput.about("kind", "registry.bad_kind", kind=kind)
    numbered = _numbered(path)
    first = next(numbered, None)
    if first is None:
        raise _file_error(path, "file.no_header")
    _, header_cells = first
    try:
        positions = _column_positions(path, header_cells, kind, mapping)
    except BaseException:
        numbered.close()  # type: ignore[attr-defined]  # releases an XLSX file now, not at GC
        raise
    header = tuple(_text(c) for c in header_cells)
    return header, _check_rows(numbered, kind, positions, today, path)


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda _cell: value


def _check_rows(
    numbered: Iterator[tuple[int, Sequence[Any]]],
    kind: RegistryKind,
    positions: dict[str, int],
    today: dt.date,
    path: Path,
) -> Iterator[_Checked]:
    """Plain tuples, one per data row: a million rows go through this loop."""
    parsers = _parsers(kind, today)
    key_column = KEY_COLUMN[kind]
    # (index in the file, parser) in canonical order; a column the file lacks
    # reads cell 0 and ignores it, so the fast path needs no branch.
    plan = [
        (positions[c], parsers[c]) if c in positions else (0, _constant(_DEFAULTS.get(c, "")))
        for c in COLUMNS[kind]
    ]
    key_index = COLUMNS[kind].index(key_column)
    first_seen: dict[Any, int] = {}
    any_rows = False
    try:
        for number, cells in numbered:
            any_rows = True
            try:
                values = tuple([parse(cells[i]) for i, parse in plan])
            except (_Bad, IndexError):
                slow, errors = _checked_slowly(number, cells, kind, positions, parsers)
                if slow is None:
                    yield number, None, errors, _cells_text(cells)
                    continue
                values = slow
            earlier = first_seen.setdefault(values[key_index], number)
            if earlier != number:
                message = f"与第{earlier}行重复：同一{COLUMN_LABELS[key_column]}在文件中只能出现一次"
                error = RowError(number, key_column, _text(cells[positions[key_column]]), message)
                yield number, None, (error,), _cells_text(cells)
                continue
            yield number, values, (), ()
    finally:
        numbered.close()  # type: ignore[attr-defined]
    if not any_rows:
        raise _file_error(path, "file.no_rows")


def _cells_text(cells: Sequence[Any]) -> tuple[str, ...]:
    return tuple(_text(c) for c in cells)


def _checked_slowly(
    number: int,
    cells: Sequence[Any],
    kind: RegistryKind,
    positions: dict[str, int],
    parsers: dict[str, Callable[[Any], Any]],
) -> tuple[tuple[Any, ...] | None, tuple[RowError, ...]]:
    """Values, or every bad value of the row: for rows the fast path refused.

    A row shorter than the header (trailing empty cells left out) reads the
    missing cells as empty.  A row whose key is bad is not compared for
    duplicates: its key is not known.
    """
    values: list[Any] = []
    errors: list[RowError] = []
    width = len(cells)
    for column in COLUMNS[kind]:
        index = positions.get(column)
        if index is None:
            values.append(_DEFAULTS.get(column, ""))
            continue
        raw = cells[index] if index < width else None
        try:
            values.append(parsers[column](raw))
        except _Bad as bad:
            errors.append(RowError(number, column, _text(raw), str(bad)))
    return (None, tuple(errors)) if errors else (tuple(values), ())


_NUMERIC_COLUMNS = ("contribution_months", "level")


def _numeric_positions(header: Sequence[str]) -> frozenset[int]:
    """The columns of a rejects file that hold figures (a negative month count stays a number)."""
    return frozenset(i for i, name in enumerate(header)
                     if any(name.lower() == c or unicodedata.normalize("NFKC", name) in _ALIASES[c]
                            for c in _NUMERIC_COLUMNS))


def write_rejects(path: Path, registry_file: RegistryFile) -> int:
    """Write the rejected rows, as the file had them, plus an ``error`` column; returns the row count.

    UTF-8 with a BOM so Excel shows the Chinese; fixed, the file imports with
    the same mapping as the original (the ``error`` column is ignored).
    """
    header = list(registry_file.header)
    # A rejects file imported again already has an error column: reuse it.
    error_at = header.index(ERROR_COLUMN) if ERROR_COLUMN in header else None
    if error_at is None:
        header.append(ERROR_COLUMN)
    width = len(registry_file.header)
    by_row = registry_file.errors_by_row()
    numeric = _numeric_positions(header)
    try:
        # Full ID numbers and phones: owner-only, wherever the user put it (issue 20.2).
        with private_output(Path(path), "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(safe_row(header))
            for number, cells in registry_file.rejected_rows:
                message = "；".join(str(e) for e in by_row.get(number, ()))
                out = list(cells[:width]) + [""] * (width - len(cells))
                if error_at is None:
                    out.append(message)
                else:
                    out[error_at] = message
                writer.writerow(safe_row(out, numeric=numeric))  # cells echoed from the file: never formulas
    except OSError as exc:
        raise InvalidInput.about("rejects", "file.cannot_write", path=path, reason=os_error_phrase(exc)) from None
    return registry_file.rejected


__all__ = [
    "CERTIFICATE_COLUMNS",
    "COLUMNS",
    "COLUMN_LABELS",
    "ERROR_COLUMN",
    "INSURED_COLUMNS",
    "KEY_COLUMN",
    "KINDS",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "CheckedRow",
    "RegistryFile",
    "RegistryKind",
    "RowError",
    "iter_registry",
    "read_headers",
    "read_registry",
    "suggest_mapping",
    "write_rejects",
]
