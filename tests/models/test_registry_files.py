"""Reading and checking registry files (CONTRACTS.md "Registry and outreach files")."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from registry_fixtures import (
    cert_number,
    certificate,
    certificates_csv,
    insured,
    insured_csv,
    make_id,
    table,
    with_bad_check,
    write_csv,
    write_xlsx,
)

from desktop.models.errors import InvalidInput
from desktop.models.registry_files import (
    CERTIFICATE_COLUMNS,
    COLUMNS,
    INSURED_COLUMNS,
    REQUIRED_COLUMNS,
    CheckedRow,
    RowError,
    iter_registry,
    read_headers,
    read_registry,
    suggest_mapping,
    write_rejects,
)

TODAY = dt.date(2026, 11, 27)


def errors_at(errors: list[RowError]) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in errors}


# --- good files -------------------------------------------------------------


def test_columns_are_the_contract() -> None:
    assert INSURED_COLUMNS == (
        "id_number", "name", "employer_uscc", "employer_name", "insured_region",
        "contribution_months", "phone", "receiving_unemployment_benefit",
    )
    assert CERTIFICATE_COLUMNS == (
        "number", "id_number", "kind", "level", "occupation_code", "occupation_name", "issue_date", "issuer",
    )
    assert REQUIRED_COLUMNS["insured"] == ("id_number", "name", "insured_region", "contribution_months")
    assert REQUIRED_COLUMNS["certificates"] == ("number", "id_number", "kind", "level", "occupation_code", "issue_date")


def test_good_insured_csv_gives_typed_rows_in_column_order(tmp_path: Path) -> None:
    path = insured_csv(tmp_path / "insured.csv", [insured(1), insured(2, receiving_unemployment_benefit="是")])
    result = read_registry(path, "insured", today=TODAY)
    assert result.errors == [] and result.total == 2 and result.rejected == 0
    assert result.rows[0] == (
        make_id(1), "张三1", "91350100M000100Y43", "广州市某机械有限公司", "440100", 40, "13800138000", False,
    )
    assert result.rows[1][-1] is True


def test_good_certificates_csv(tmp_path: Path) -> None:
    path = certificates_csv(tmp_path / "certs.csv", [certificate(1), certificate(2, kind="qualification", level="5")])
    result = read_registry(path, "certificates", today=TODAY)
    assert result.errors == []
    assert result.rows[0] == (
        cert_number(1), make_id(1), "skill_level", 4, "6-18-01-01", "车工", dt.date(2017, 6, 1),
        "广州市职业技能鉴定指导中心",
    )
    assert result.rows[1][2:4] == ("qualification", 5)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bom.csv", INSURED_COLUMNS, table([insured(1)], INSURED_COLUMNS), bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = read_registry(path, "insured", today=TODAY)
    assert result.errors == [] and result.rows[0][0] == make_id(1)


def test_gb18030_csv_as_excel_saves_it_on_a_chinese_system_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", INSURED_COLUMNS, table([insured(1)], INSURED_COLUMNS), encoding="gb18030")
    result = read_registry(path, "insured", today=TODAY)
    assert result.errors == [] and result.rows[0][1] == "张三1"


def test_extra_columns_and_any_column_order(tmp_path: Path) -> None:
    header = ["备注", "contribution_months", "name", "id_number", "insured_region", "序号"]
    rows = [["老员工", "120", " 李四 ", make_id(7).lower(), "440100", "1"]]
    result = read_registry(write_csv(tmp_path / "x.csv", header, rows), "insured", today=TODAY)
    assert result.errors == []
    # Optional columns the file leaves out take their defaults; values are trimmed and normalised.
    assert result.rows == [(make_id(7), "李四", "", "", "440100", 120, "", False)]


def test_xlsx_with_typed_cells(tmp_path: Path) -> None:
    header = list(CERTIFICATE_COLUMNS)
    rows = [
        [cert_number(1), make_id(1), "skill_level", 4, "6-18-01-01", "车工", dt.datetime(2017, 6, 1), None],
        [cert_number(2), make_id(2), "qualification", 3.0, "6-18-01-01", None, "2018-03-05", "某鉴定站"],
    ]
    result = read_registry(write_xlsx(tmp_path / "certs.xlsx", header, rows), "certificates", today=TODAY)
    assert result.errors == []
    assert result.rows[0][3] == 4 and result.rows[0][6] == dt.date(2017, 6, 1) and result.rows[0][7] == ""
    assert result.rows[1][3] == 3 and result.rows[1][6] == dt.date(2018, 3, 5)


def test_xlsx_insured_with_numbers_and_booleans(tmp_path: Path) -> None:
    header = list(INSURED_COLUMNS)
    row = table([insured(1)], header)[0]
    row[5] = 40  # a number cell
    row[7] = True  # a boolean cell
    result = read_registry(write_xlsx(tmp_path / "ins.xlsx", header, [row]), "insured", today=TODAY)
    assert result.errors == [] and result.rows[0][5] == 40 and result.rows[0][7] is True


def test_row_numbers_are_spreadsheet_rows_even_past_blank_lines(tmp_path: Path) -> None:
    header = list(INSURED_COLUMNS)
    good = table([insured(1)], header)[0]
    bad = table([insured(2, contribution_months="x")], header)[0]
    csv_path = write_csv(tmp_path / "gaps.csv", header, [good, [], [""] * len(header), bad])
    assert [e.row for e in read_registry(csv_path, "insured", today=TODAY).errors] == [5]
    xlsx_path = write_xlsx(tmp_path / "gaps.xlsx", header, [good, [None] * len(header), [None], bad])
    result = read_registry(xlsx_path, "insured", today=TODAY)
    assert [e.row for e in result.errors] == [5] and result.total == 2


def test_a_short_row_reads_missing_trailing_cells_as_empty(tmp_path: Path) -> None:
    header = list(INSURED_COLUMNS)
    short = [make_id(1), "张三", "", "", "440100", "40"]  # phone and benefit left out
    result = read_registry(write_csv(tmp_path / "short.csv", header, [short]), "insured", today=TODAY)
    assert result.errors == [] and result.rows[0][-2:] == ("", False)


def test_an_abolished_county_code_in_an_id_is_accepted(tmp_path: Path) -> None:
    old = make_id(3, region="110103", birth="19700315")  # 北京市崇文区, merged into 东城区 in 2010
    result = read_registry(insured_csv(tmp_path / "old.csv", [insured(3, id_number=old)]), "insured", today=TODAY)
    assert result.errors == [] and result.rows[0][0] == old


@pytest.mark.parametrize(
    ("written", "expected"),
    [("是", True), ("否", False), (" TRUE ", True), ("false", False), ("1", True), ("0", False),
     ("True", True), ("FALSE", False), ("", False)],
)
def test_yes_no_values(tmp_path: Path, written: str, expected: bool) -> None:
    path = insured_csv(tmp_path / "yn.csv", [insured(1, receiving_unemployment_benefit=written)])
    result = read_registry(path, "insured", today=TODAY)
    assert result.errors == [] and result.rows[0][7] is expected


def test_a_bad_yes_no_value_is_an_error(tmp_path: Path) -> None:
    path = insured_csv(tmp_path / "yn.csv", [insured(1, receiving_unemployment_benefit="maybe")])
    (error,) = read_registry(path, "insured", today=TODAY).errors
    assert (error.row, error.column, error.value) == (2, "receiving_unemployment_benefit", "maybe")
    assert "是/否" in error.message


# --- bad values ---------------------------------------------------------------


def test_every_bad_value_is_reported_by_row_and_column(tmp_path: Path) -> None:
    rows = [
        certificate(1),
        certificate(2, id_number=with_bad_check(make_id(2))),
        certificate(3, issue_date="2023-02-30"),
        certificate(4, level=7),
        certificate(5, kind="diploma"),
        certificate(6, issue_date="2026-11-28"),  # tomorrow
        certificate(7, level="0", occupation_code="车工", issue_date="1.6.2017"),
        certificate(8),
    ]
    result = read_registry(certificates_csv(tmp_path / "bad.csv", rows), "certificates", today=TODAY)
    assert result.total == 8 and result.rejected == 6
    assert [r[0] for r in result.rows] == [cert_number(1), cert_number(8)]
    assert errors_at(result.errors) == {
        (3, "id_number"), (4, "issue_date"), (5, "level"), (6, "kind"), (7, "issue_date"),
        (8, "level"), (8, "occupation_code"), (8, "issue_date"),
    }
    by_place = {(e.row, e.column): e for e in result.errors}
    checksum = by_place[3, "id_number"]
    assert checksum.value == with_bad_check(make_id(2))
    assert str(checksum).startswith(f"第3行 id_number：身份证号码校验位不正确（末位应为{make_id(2)[-1]}）")
    assert "不存在" in by_place[4, "issue_date"].message
    assert "1至5" in by_place[5, "level"].message and by_place[5, "level"].value == "7"
    assert "skill_level" in by_place[6, "kind"].message and by_place[6, "kind"].value == "diploma"
    assert "晚于今天" in by_place[7, "issue_date"].message


def test_bad_insured_values(tmp_path: Path) -> None:
    rows = [
        insured(1, contribution_months=-1),
        insured(2, contribution_months="三十"),
        insured(3, insured_region="4401"),
        insured(4, name=""),
        insured(5, employer_uscc="91350100M000100Y40"),
        insured(6, phone="call me"),
        insured(7, id_number=make_id(7, birth="20300101")),
        insured(8, contribution_months=5000),
    ]
    result = read_registry(insured_csv(tmp_path / "bad.csv", rows), "insured", today=TODAY)
    assert result.rows == []
    assert errors_at(result.errors) == {
        (2, "contribution_months"), (3, "contribution_months"), (4, "insured_region"), (5, "name"),
        (6, "employer_uscc"), (7, "phone"), (8, "id_number"), (9, "contribution_months"),
    }
    assert all(e.message and not e.message.isascii() for e in result.errors), "messages are Chinese"


def test_an_id_excel_turned_into_a_number_says_so(tmp_path: Path) -> None:
    header = list(INSURED_COLUMNS)
    row = table([insured(1)], header)[0]
    row[0] = float(make_id(1)[:17] + "0")
    (error,) = read_registry(write_xlsx(tmp_path / "n.xlsx", header, [row]), "insured", today=TODAY).errors
    assert error.column == "id_number" and "文本" in error.message


def test_a_duplicate_key_is_an_error_on_the_later_row(tmp_path: Path) -> None:
    rows = [insured(1), insured(2), insured(1, name="张三另一个"), insured(3, id_number=make_id(2).lower())]
    result = read_registry(insured_csv(tmp_path / "dup.csv", rows), "insured", today=TODAY)
    assert [r[0] for r in result.rows] == [make_id(1), make_id(2)]
    assert [(e.row, e.column) for e in result.errors] == [(4, "id_number"), (5, "id_number")]
    assert "与第2行重复" in result.errors[0].message and "与第3行重复" in result.errors[1].message


def test_a_duplicate_certificate_number_is_an_error(tmp_path: Path) -> None:
    rows = [certificate(1), certificate(2, number=cert_number(1))]
    result = read_registry(certificates_csv(tmp_path / "dup.csv", rows), "certificates", today=TODAY)
    assert [(e.row, e.column) for e in result.errors] == [(3, "number")]


# --- the file as a whole ------------------------------------------------------


def test_a_missing_required_column_is_a_file_error_naming_it(tmp_path: Path) -> None:
    header = [c for c in INSURED_COLUMNS if c != "contribution_months"]
    path = write_csv(tmp_path / "missing.csv", header, table([insured(1)], header))
    with pytest.raises(InvalidInput) as caught:
        read_registry(path, "insured", today=TODAY)
    assert caught.value.field == "FILE" and "contribution_months" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.csv", b"", "空"),
        ("blank.csv", b"\n\n", "空"),
        ("header-only.csv", ",".join(INSURED_COLUMNS).encode(), "没有数据行"),
        ("notes.txt", b"id_number\n", "CSV"),
        ("old.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("fake.xlsx", b"id_number,name\n", "XLSX"),
        ("binary.csv", b"\xff\xfe\x00\x01\x80\x81\xfe\xff" * 10, "UTF-8"),
    ],
)
def test_bad_files_as_a_whole(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        read_registry(path, "insured", today=TODAY)
    assert caught.value.field == "FILE" and says in str(caught.value)


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_registry(tmp_path / "nowhere.csv", "insured", today=TODAY)
    assert caught.value.field == "FILE"


def test_a_broken_xlsx_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InvalidInput) as caught:
        read_registry(path, "insured", today=TODAY)
    assert caught.value.field == "FILE" and "XLSX" in str(caught.value)


# --- mapping ------------------------------------------------------------------


def test_mapping_different_headers(tmp_path: Path) -> None:
    header = ["身份证号", "姓名", "参保地", "缴费月数", "是否领金"]
    rows = [[make_id(1), "王五", "440100", "36", "是"]]
    mapping = {"身份证号": "id_number", "姓名": "name", "参保地": "insured_region", "缴费月数": "contribution_months",
               "是否领金": "receiving_unemployment_benefit"}
    path = write_csv(tmp_path / "cn.csv", header, rows)
    with pytest.raises(InvalidInput, match="id_number"):
        read_registry(path, "insured", today=TODAY)
    result = read_registry(path, "insured", mapping, today=TODAY)
    assert result.rows == [(make_id(1), "王五", "", "", "440100", 36, "", True)]


def test_mapping_to_an_unknown_column_or_twice_to_one_column(tmp_path: Path) -> None:
    header = ["身份证号", "id_number", "name", "insured_region", "contribution_months"]
    path = write_csv(tmp_path / "m.csv", header, [[make_id(1), make_id(1), "王五", "440100", "36"]])
    with pytest.raises(InvalidInput) as unknown:
        read_registry(path, "insured", {"身份证号": "identity"}, today=TODAY)
    assert unknown.value.field == "mapping"
    with pytest.raises(InvalidInput) as twice:
        read_registry(path, "insured", {"身份证号": "id_number"}, today=TODAY)
    assert twice.value.field == "FILE" and "第1列和第2列" in str(twice.value)


def test_read_headers_and_suggest_mapping(tmp_path: Path) -> None:
    header = ["身份证号码", "姓名", "参保地", "累计缴费月数", "id_number", "备注"]
    path = write_csv(tmp_path / "h.csv", header, [[""] * 5 + ["x"]])
    assert read_headers(path) == header
    assert suggest_mapping(header, "insured") == {
        "姓名": "name", "参保地": "insured_region", "累计缴费月数": "contribution_months",
    }  # 身份证号码 is left alone: the file already has an id_number column
    assert set(suggest_mapping(["证书编号", "等级"], "certificates").values()) == {"number", "level"}


# --- streaming and rejects ----------------------------------------------------


def test_iter_registry_streams_checked_rows(tmp_path: Path) -> None:
    path = insured_csv(tmp_path / "s.csv", [insured(1), insured(2, contribution_months=-3)])
    header, rows = iter_registry(path, "insured", today=TODAY)
    assert header == INSURED_COLUMNS
    first = next(rows)
    assert isinstance(first, CheckedRow) and first.row == 2 and first.values is not None and first.errors == ()
    second = next(rows)
    assert second.values is None and second.errors[0].column == "contribution_months"
    assert second.cells[5] == "-3"
    assert next(rows, None) is None


def test_write_rejects_writes_the_bad_rows_as_written_plus_an_error_column(tmp_path: Path) -> None:
    header = ["身份证号", "name", "insured_region", "contribution_months", "备注"]
    rows = [
        [make_id(1), "甲", "440100", "40", "好"],
        [with_bad_check(make_id(2)), "乙", "440100", "-1", "坏"],
    ]
    result = read_registry(write_csv(tmp_path / "in.csv", header, rows), "insured", {"身份证号": "id_number"},
                           today=TODAY)
    out = tmp_path / "fix.csv"
    assert write_rejects(out, result) == 1
    assert out.read_bytes().startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to show Chinese"
    with out.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == [*header, "error"]
    assert written[1][:5] == rows[1]
    assert "第3行 id_number：" in written[1][5] and "第3行 contribution_months：" in written[1][5]
    # Fixed, the rejects file imports with the same mapping; the error column is ignored.
    written[1][0] = make_id(2)
    written[1][3] = "12"
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(written)
    again = read_registry(out, "insured", {"身份证号": "id_number"}, today=TODAY)
    assert again.errors == [] and again.rows[0][0] == make_id(2)


def test_write_rejects_reuses_an_existing_error_column(tmp_path: Path) -> None:
    header = [*INSURED_COLUMNS, "error"]
    row = [*table([insured(1, contribution_months=-1)], INSURED_COLUMNS)[0], "旧的错误"]
    result = read_registry(write_csv(tmp_path / "fix.csv", header, [row]), "insured", today=TODAY)
    write_rejects(tmp_path / "fix2.csv", result)
    with (tmp_path / "fix2.csv").open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == header and "累计缴费月数不能为负数" in written[1][-1]


def test_every_kind_has_labels_for_every_column() -> None:
    from desktop.models.registry_files import COLUMN_LABELS

    for columns in COLUMNS.values():
        assert all(COLUMN_LABELS[c] for c in columns)


def test_a_check_with_progress_reports_along_the_way_and_reads_the_same(tmp_path: Path) -> None:
    """One row loop for the command line and the window's import (issue 18.3): with ``progress`` it
    reports every ``PROGRESS_STEP`` rows and once at the end, and gives what it gives without."""
    from desktop.models.registry_files import PROGRESS_STEP

    rows = [insured(i % 1000, id_number=make_id(i % 1000, birth=f"19{80 + i // 1000}0101"))
            for i in range(1, 2 * PROGRESS_STEP + 8)]
    path = write_csv(tmp_path / "many.csv", INSURED_COLUMNS, table(rows, INSURED_COLUMNS))
    heard: list[tuple[int, int]] = []
    told = read_registry(path, "insured", today=TODAY, progress=lambda done, total: heard.append((done, total)))
    plain = read_registry(path, "insured", today=TODAY)
    assert told.rows == plain.rows and told.total == plain.total == len(rows)
    assert [done for done, _ in heard] == [PROGRESS_STEP, 2 * PROGRESS_STEP, len(rows)]
    assert heard[-1] == (len(rows), len(rows)) and all(abs(total - len(rows)) <= 1 for _, total in heard[:-1])
