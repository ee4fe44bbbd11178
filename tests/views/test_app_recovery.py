"""At start, a damaged database is offered the newest good backup instead of a crash (issue 8)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.app import recover_if_damaged
from desktop.models.backup import take_backup
from desktop.models.store import DB_FILENAME, Store, open_store

pytestmark = pytest.mark.gui


def test_damaged_database_restored_when_the_person_agrees(qapp: Any, store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    take_backup(store.data_dir, reason="daily", now=dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC))
    store.close()
    (store.data_dir / DB_FILENAME).write_bytes(b"garbage" * 1000)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    assert recover_if_damaged(store.data_dir) and "2026-11-27 09:00" in asked[0]
    open_store(store.data_dir).close()  # the restored database opens
    assert list(Path(store.data_dir).glob(f"{DB_FILENAME}.replaced-*")), "the damaged file is kept"


def test_damaged_database_without_backup_is_explained(qapp: Any, store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store.close()
    (store.data_dir / DB_FILENAME).write_bytes(b"garbage" * 1000)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: told.append(text))
    assert not recover_if_damaged(store.data_dir)
    assert "没有可用的备份" in told[0]


def test_checking_and_restoring_run_behind_a_busy_dialog_and_a_failure_is_said(
        qapp: Any, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from PySide6.QtWidgets import QApplication, QProgressDialog

    from desktop.models import backup as backup_module
    from desktop.models.errors import StorageError

    take_backup(store.data_dir, reason="daily", now=dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC))
    store.close()
    (store.data_dir / DB_FILENAME).write_bytes(b"garbage" * 1000)
    seen: list[tuple[bool, bool]] = []  # (on the GUI thread, a busy dialog showing)
    real_pick = backup_module.newest_good_backup

    def pick(folder: Path) -> Any:
        busy = any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
        seen.append((threading.current_thread() is threading.main_thread(), busy))
        return real_pick(folder)

    def disk_full(*_: Any, **__: Any) -> None:
        raise StorageError("恢复失败：磁盘已满")

    told: list[str] = []
    monkeypatch.setattr(backup_module, "newest_good_backup", pick)
    monkeypatch.setattr(backup_module, "restore_backup", disk_full)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: told.append(text))
    assert not recover_if_damaged(store.data_dir)
    assert seen == [(False, True)], "looked for a good backup off the GUI thread, behind a busy dialog"
    assert told == ["恢复失败：磁盘已满"]
    assert (store.data_dir / DB_FILENAME).read_bytes().startswith(b"garbage"), "the damaged file untouched"


def test_a_folder_without_its_key_is_said_as_such_not_as_damage(qapp: Any, store: Store, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20.1: a folder copied to a computer without its key is not "damaged, no backup": the
    person is told the key is missing and how to bring it, and no backup is offered."""
    from desktop.models import keystore

    take_backup(store.data_dir, reason="daily", now=dt.datetime(2026, 11, 27, 1, 0, tzinfo=dt.UTC))
    store.close()
    monkeypatch.setenv(keystore.KEY_DIR_ENV, str(tmp_path / "another-computers-keys"))
    told: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *a: asked.append(text))
    assert not recover_if_damaged(store.data_dir)
    assert not asked and len(told) == 1
    assert "密钥" in told[0] and "导入" in told[0] and "损坏" not in told[0] and "备份" not in told[0]
    assert "zhanchi" not in told[0]  # what to do in words, not a command a clerk cannot type
