"""Per-installation settings (desktop.settings): defaults, round trip, damaged files, validation."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.models.errors import InvalidInput, StorageError
from desktop.settings import (
    SETTINGS_FILE,
    Settings,
    load_settings,
    save_settings,
    settings_from_json,
)


def test_a_folder_without_settings_gives_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings == Settings()
    assert (settings.language, settings.idle_lock_minutes, settings.font_scale_percent,
            settings.receipt_format, settings.central_url) == ("zh_CN", 10, 100, "a4", "")
    assert not (tmp_path / SETTINGS_FILE).exists()  # reading writes nothing


def test_saved_settings_come_back_the_same(tmp_path: Path) -> None:
    chosen = Settings(language="en", idle_lock_minutes=25, font_scale_percent=150, receipt_format="80mm",
                      central_url="https://zhanchi.example.gov.cn/api")
    folder = tmp_path / "new" / "data"  # not there yet
    path = save_settings(folder, chosen)
    assert path == folder / SETTINGS_FILE
    assert load_settings(folder) == chosen
    assert json.loads(path.read_text(encoding="utf-8"))["language"] == "en"
    assert [p.name for p in folder.iterdir()] == [SETTINGS_FILE]  # no temporary file left behind


def test_saving_again_replaces_the_file(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(language="en"))
    save_settings(tmp_path, Settings(idle_lock_minutes=5))
    assert load_settings(tmp_path) == Settings(idle_lock_minutes=5)


@pytest.mark.parametrize("content", [
    b"", b"{", b"not json at all", b"[1, 2, 3]", b'"en"', b"null", b"\xff\xfe\x00garbage",
])
def test_a_damaged_file_gives_the_defaults(tmp_path: Path, content: bytes) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes(content)
    assert load_settings(tmp_path) == Settings()


def test_an_unreadable_file_gives_the_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).mkdir()  # a folder where the file should be
    assert load_settings(tmp_path) == Settings()


def test_one_bad_value_falls_back_alone(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({
        "language": "en", "idle_lock_minutes": 999, "font_scale_percent": "big", "receipt_format": "80mm",
        "central_url": 42,
    }), encoding="utf-8")
    assert load_settings(tmp_path) == Settings(language="en", receipt_format="80mm")


def test_unknown_keys_are_kept_but_ignored(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({
        "language": "en", "printer": "Counter 3", "future": {"nested": [1, 2]},
    }), encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings == Settings(language="en")
    assert not hasattr(settings, "printer")
    save_settings(tmp_path, dataclasses.replace(settings, idle_lock_minutes=30))
    data = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert data["printer"] == "Counter 3" and data["future"] == {"nested": [1, 2]}
    assert data["idle_lock_minutes"] == 30 and data["language"] == "en"


@pytest.mark.parametrize(("field", "value"), [
    ("language", "fr"),
    ("language", "zh"),
    ("language", None),
    ("idle_lock_minutes", 0),
    ("idle_lock_minutes", 121),
    ("idle_lock_minutes", "10"),
    ("idle_lock_minutes", 10.5),
    ("idle_lock_minutes", True),
    ("font_scale_percent", 99),
    ("font_scale_percent", 201),
    ("font_scale_percent", None),
    ("receipt_format", "A5"),
    ("receipt_format", ""),
    ("central_url", "zhanchi.example.gov.cn"),
    ("central_url", "ftp://zhanchi.example.gov.cn"),
    ("central_url", "https://"),
    ("central_url", "https://bad host.cn"),
    ("central_url", 7),
])
def test_invalid_values_are_refused_naming_the_field(field: str, value: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        Settings(**{field: value})
    assert caught.value.field == field
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.reason)  # said in Chinese
    with pytest.raises(InvalidInput):
        dataclasses.replace(Settings(), **{field: value})  # no way around the check
    with pytest.raises(InvalidInput):
        settings_from_json({field: value})


@pytest.mark.parametrize(("field", "value"), [
    ("idle_lock_minutes", 1), ("idle_lock_minutes", 120), ("font_scale_percent", 100),
    ("font_scale_percent", 200), ("receipt_format", "80mm"), ("language", "en"),
    ("central_url", "http://10.0.0.5:8000"), ("central_url", ""),
])
def test_the_bounds_are_allowed(field: str, value: Any) -> None:
    assert getattr(Settings(**{field: value}), field) == value


def test_the_range_message_says_what_is_allowed() -> None:
    with pytest.raises(InvalidInput) as caught:
        Settings(idle_lock_minutes=0)
    assert "1–120" in caught.value.reason and "分钟" in caught.value.reason


def test_the_central_url_is_trimmed() -> None:
    assert Settings(central_url="  https://zhanchi.example.gov.cn  ").central_url == "https://zhanchi.example.gov.cn"


def test_a_folder_that_cannot_be_written_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        save_settings(blocker / "data", Settings())
    assert "设置未保存" in str(caught.value)


def test_settings_never_import_qt() -> None:
    code = ("import sys, desktop.settings\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == ""
