"""A registry file's encoding is found, never guessed into garbage (issue 20.5).

Real files in each encoding, written the way the programs that make them write them: UTF-8 with
and without Excel's BOM, GB18030 (Excel's plain "CSV" on a Chinese Windows), UTF-16 with a BOM
(Excel's tab-separated "Unicode text", and big-endian with commas), and files that must be
refused with the line named: Big5 (traditional names from Taiwan or Hong Kong), Shift-JIS,
Windows-1252, a file that switches from UTF-8 to GBK half-way, UTF-16 without a BOM.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from registry_fixtures import insured, make_id, table

from desktop.cli import run
from desktop.models.errors import InvalidInput
from desktop.models.registry_files import INSURED_COLUMNS, read_headers, read_registry
from desktop.models.text_encoding import EncodingRefused, detect

TODAY = dt.date(2026, 11, 27)

# Traditional names and employers, all in Big5 (陳 林 黃 張 李 王 吳 劉 蔡 楊: the commonest surnames there).
TRADITIONAL = [
    ("陳大文", "台灣積體電路製造股份有限公司"),
    ("林志明", "鴻海精密工業股份有限公司"),
    ("黃淑芬", "長榮海運股份有限公司"),
    ("張家豪", "統一企業股份有限公司"),
    ("李美玲", "華碩電腦股份有限公司"),
    ("王建國", "國泰人壽保險股份有限公司"),
    ("吳宗憲", "遠東紡織股份有限公司"),
    ("劉德華", "香港寶麗金唱片有限公司"),
    ("蔡依林", "臺北市政府"),
    ("楊麗華", "廣州市機械有限公司"),
]
# Simplified names with characters outside GB2312 (喆 赟 堃 昇 玥 珺): real, and must still read.
RARE_NAMES = ["王喆", "李赟", "张堃", "刘昇", "陈玥", "杨珺", "周杰", "吴敏"]


def csv_text(rows: list[dict[str, object]], *, delimiter: str = ",", header: tuple[str, ...] = INSURED_COLUMNS) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(table(rows, header))
    return buffer.getvalue()


def people(names: list[str], employers: list[str] | None = None) -> list[dict[str, object]]:
    return [insured(i + 1, name=name, employer_name=(employers or ["广州市某机械有限公司"] * len(names))[i])
            for i, name in enumerate(names)]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- read -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "bom"), [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b"")])
def test_utf8_with_or_without_a_bom_and_gb18030_read_with_rare_name_characters(
        tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = write(tmp_path / "insured.csv", bom + csv_text(people(RARE_NAMES)).encode(encoding))
    result = read_registry(path, "insured", today=TODAY)
    assert result.errors == []
    assert [row[1] for row in result.rows] == RARE_NAMES


def test_excel_unicode_text_utf16_le_tab_separated_is_read(tmp_path: Path) -> None:
    text = csv_text(people(["张三", "王喆"]), delimiter="\t")
    path = write(tmp_path / "insured.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert detect(path).name == "utf-16" and detect(path).delimiter == "\t"
    result = read_registry(path, "insured", today=TODAY)
    assert result.errors == [] and [row[1] for row in result.rows] == ["张三", "王喆"]
    assert result.rows[0][0] == make_id(1)


def test_utf16_big_endian_with_commas_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "insured.csv", codecs.BOM_UTF16_BE + csv_text(people(["张三"])).encode("utf-16-be"))
    assert read_registry(path, "insured", today=TODAY).rows[0][1] == "张三"


def test_a_utf16_pair_cut_by_the_reading_chunk_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.models import text_encoding

    monkeypatch.setattr(text_encoding, "CHUNK", 7)  # odd and tiny: every kind of cut happens
    names = ["𠀀明", "张三"]  # U+20000 (Extension B): a surrogate pair in UTF-16
    path = write(tmp_path / "insured.csv", codecs.BOM_UTF16_LE + csv_text(people(names)).encode("utf-16-le"))
    assert detect(path).name == "utf-16"
    path = write(tmp_path / "gb.csv", csv_text(people(names)).encode("gb18030"))
    assert detect(path).name == "gb18030"


# --- refused --------------------------------------------------------------------------------


def refused(path: Path) -> EncodingRefused:
    with pytest.raises(EncodingRefused) as caught:
        read_registry(path, "insured", today=TODAY)
    assert isinstance(caught.value, InvalidInput) and caught.value.field == "FILE"
    return caught.value


def test_a_big5_file_of_traditional_names_is_refused_never_read_as_gb18030(tmp_path: Path) -> None:
    names, employers = zip(*TRADITIONAL, strict=True)
    data = csv_text(people(list(names), list(employers))).encode("big5")
    data.decode("gb18030")  # what made it dangerous: GB18030 decodes it without an error
    path = write(tmp_path / "taipei.csv", data)
    error = refused(path)
    assert error.line == 2, "the header is ASCII; the first name is on line 2"
    assert "第2行" in str(error) and "Big5" in str(error) and "CSV UTF-8" in str(error)
    with pytest.raises(EncodingRefused):
        read_headers(path)  # the column-mapping step refuses it too


def test_a_big5_file_with_a_traditional_header_is_refused_on_line_1(tmp_path: Path) -> None:
    header = ("身份證號碼", "姓名", "單位名稱", "聯絡電話")
    rows: list[dict[str, object]] = [{"身份證號碼": make_id(1), "姓名": "陳大文", "單位名稱": "統一企業",
                                      "聯絡電話": "0912345678"}]
    error = refused(write(tmp_path / "big5.csv", csv_text(rows, header=header).encode("big5")))
    assert error.line == 1 and "Big5" in str(error)


def test_one_big5_name_is_enough(tmp_path: Path) -> None:
    rows = people(["张三", "李四", "王五"])
    data = csv_text(rows).encode("gb18030")
    lines = data.split(b"\r\n")
    lines[3] = lines[3].replace("王五".encode("gb18030"), "黃淑芬".encode("big5"))
    error = refused(write(tmp_path / "one.csv", b"\r\n".join(lines)))
    assert error.line == 4


@pytest.mark.parametrize(("name", "data", "line", "says"), [
    ("shift-jis", ("氏名,住所\r\n" + "山田太郎,東京都千代田区丸の内\r\n鈴木一郎,大阪府大阪市北区梅田\r\n" * 3)
     .encode("shift_jis"), 1, "生僻字"),
    ("windows-1252", "id_number,name\r\n110105194912310029,José Müller\r\n".encode("cp1252"), 2, "无法解读"),
    ("utf-16 without a bom", "id_number,name\r\n".encode("utf-16-le"), 1, "BOM"),
    ("utf-32", "id_number,name\r\n".encode("utf-32"), 1, "UTF-32"),
])
def test_other_encodings_are_refused_naming_the_line(tmp_path: Path, name: str, data: bytes, line: int,
                                                     says: str) -> None:
    error = refused(write(tmp_path / "other.csv", data))
    assert error.line == line and says in str(error), str(error)


def test_a_file_that_switches_from_utf8_to_gbk_is_refused_at_the_switch(tmp_path: Path) -> None:
    head = csv_text(people(["张三", "李四"])).encode("utf-8")
    tail = csv_text(people(["王五"])).encode("gbk").split(b"\r\n", 1)[1]  # the row, without a header
    error = refused(write(tmp_path / "mixed.csv", head + tail))
    assert error.line == 4 and "两种编码" in str(error)


def test_a_bad_byte_far_into_a_utf8_file_names_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.models import text_encoding

    monkeypatch.setattr(text_encoding, "CHUNK", 4096)  # the bad line lies several chunks in
    rows = people([f"张{i}" for i in range(1, 400)])
    data = codecs.BOM_UTF8 + csv_text(rows).encode("utf-8")
    lines = data.split(b"\r\n")
    lines[300] = lines[300].replace("张".encode(), b"\xd5\xc5")  # 张 in GBK
    error = refused(write(tmp_path / "long.csv", b"\r\n".join(lines)))
    assert error.line == 301


def test_the_import_command_refuses_a_big5_file_with_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names, employers = zip(*TRADITIONAL, strict=True)
    path = write(tmp_path / "taipei.csv", csv_text(people(list(names), list(employers))).encode("big5"))
    code = run(["--data-dir", str(tmp_path / "data"), "import", "insured", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "第2行" in err and "Big5" in err and "Traceback" not in err
    # Nothing was stored.
    code = run(["--data-dir", str(tmp_path / "data"), "import", "insured", str(
        write(tmp_path / "ok.csv", csv_text(people(["张三"])).encode("gb18030")))])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["inserted"] == 1, "the refused file stored nothing"
