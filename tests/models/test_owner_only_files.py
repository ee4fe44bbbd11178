"""Files holding personal data are owner-only wherever they are written (issue 20.2).

Each test runs with the usual umask 022 (files 0644, folders 0755 unless the program says
otherwise), writes through the real code path and checks ``stat().st_mode & 0o777``.  On Windows,
where modes mean nothing, ``test_windows_data_folder_acl_is_the_current_user_alone`` checks the ACL.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from registry_fixtures import insured, make_id, table, with_bad_check, write_csv

from desktop.models import keystore, win_acl
from desktop.models.backup import take_backup
from desktop.models.clock import Clock
from desktop.models.drafts import draft_path, load_draft, save_draft
from desktop.models.files import private_dir, private_output, tighten_folder, write_private
from desktop.models.registry_files import INSURED_COLUMNS, read_registry, write_rejects
from desktop.models.staff import StaffUser
from desktop.models.store import DB_FILENAME, Store, open_store

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes; Windows has its own test (ACL)")
TODAY = dt.date(2026, 11, 27)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@posix_only
def test_an_existing_open_data_folder_is_tightened_at_start_and_the_change_logged(
        tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "data"
    open_store(folder, clock=clock).close()
    # As another tool (or an older version, or a copy) might leave it: open to everyone.
    (folder / "drafts").mkdir()
    (folder / "drafts" / "intake.json").write_text('{"form": {}}', encoding="utf-8")
    (folder / "documents" / "440100-X").mkdir(parents=True)
    (folder / "documents" / "440100-X" / "receipt.pdf").write_bytes(b"%PDF")
    (folder / "exports.csv").write_text("id_number\n", encoding="utf-8")
    for path in (folder, folder / DB_FILENAME, folder / "drafts", folder / "documents"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert mode(folder / "exports.csv") == 0o644 and mode(folder / "drafts" / "intake.json") == 0o644

    with caplog.at_level(logging.WARNING, logger="desktop.models.store"):
        open_store(folder, clock=clock).close()

    assert mode(folder) == 0o700
    for directory in ("drafts", "documents", "documents/440100-X"):
        assert mode(folder / directory) == 0o700, directory
    for name in (DB_FILENAME, "drafts/intake.json", "documents/440100-X/receipt.pdf", "exports.csv"):
        assert mode(folder / name) == 0o600, name
    assert "made owner-only" in caplog.text and "exports.csv 644" in caplog.text and ". 755" in caplog.text


@posix_only
def test_a_closed_data_folder_is_left_as_it_is_and_nothing_is_logged(
        tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "data"
    open_store(folder, clock=clock).close()
    assert mode(folder) == 0o700 and mode(folder / DB_FILENAME) == 0o600
    with caplog.at_level(logging.WARNING, logger="desktop.models.store"):
        open_store(folder, clock=clock).close()
    assert "owner-only" not in caplog.text
    assert tighten_folder(folder) == []


@posix_only
def test_tightening_keeps_the_owner_bits_and_leaves_symbolic_links_alone(tmp_path: Path) -> None:
    folder = private_dir(tmp_path / "data")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("not ours to change", encoding="utf-8")
    outside.chmod(0o644)
    (folder / "link").symlink_to(outside)
    script = folder / "tool.sh"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    changed = tighten_folder(folder)
    assert mode(script) == 0o700 and mode(outside) == 0o644
    assert changed == ["tool.sh 755"]


@posix_only
def test_the_autosaved_intake_draft_is_owner_only(tmp_path: Path) -> None:
    state = {"form": {"id_number": "11010519491231002X", "payment_account": "6222020200112233445"}}
    (tmp_path / "data").mkdir(mode=0o700)
    keystore.make_folder_key(tmp_path / "data")
    path = save_draft(tmp_path / "data", state)
    assert path == draft_path(tmp_path / "data")
    assert mode(path) == 0o600 and mode(path.parent) == 0o700 and mode(tmp_path / "data") == 0o700
    assert load_draft(tmp_path / "data") == state
    assert [p.name for p in path.parent.iterdir()] == ["intake.json"], "no temporary file left behind"


@posix_only
def test_a_rejects_file_with_full_ids_and_phones_is_owner_only(tmp_path: Path) -> None:
    rows = [insured(1), insured(2, id_number=with_bad_check(make_id(2)))]
    source = write_csv(tmp_path / "in.csv", INSURED_COLUMNS, table(rows, INSURED_COLUMNS))
    result = read_registry(source, "insured", today=TODAY)
    out = tmp_path / "chosen-by-the-user" / "rejects.csv"
    out.parent.mkdir()
    out.write_text("an older file, readable by all", encoding="utf-8")
    assert mode(out) == 0o644
    assert write_rejects(out, result) == 1
    assert mode(out) == 0o600


@posix_only
def test_files_written_to_a_place_the_user_chose_are_owner_only_and_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    write_private(target, b"%PDF-1.7 with names in it")
    assert mode(target) == 0o600 and target.read_bytes().startswith(b"%PDF")
    with pytest.raises(RuntimeError), private_output(target, "w", encoding="utf-8") as handle:
        handle.write("half a file")
        raise RuntimeError("the export failed half-way")
    assert target.read_bytes().startswith(b"%PDF"), "a failed write leaves the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


@posix_only
def test_a_printed_document_and_its_folder_in_the_data_folder_are_owner_only(
        store: Store, make_staff: Callable[..., StaffUser], make_intake: Callable[..., object]) -> None:
    from desktop.documents.case_documents import issue_to_data_folder
    from desktop.models.intake import file_case
    from desktop.models.rules import Verifier

    verifier = Verifier.load(store.data_dir)
    clerk = make_staff("clerk")
    record, _ = file_case(store, verifier, clerk, make_intake(), accept=True)  # type: ignore[arg-type]
    issued = issue_to_data_folder(store, verifier, clerk, record.id, "receipt")
    assert mode(issued.path) == 0o600
    assert mode(issued.path.parent) == 0o700 and mode(store.data_dir / "documents") == 0o700


@posix_only
def test_backups_are_owner_only_from_the_first_byte(store: Store) -> None:
    backup = take_backup(store.data_dir, reason="manual", now=store.clock.now())
    assert mode(backup.path) == 0o600 and mode(backup.path.parent) == 0o700


@posix_only
def test_log_files_stay_owner_only_after_a_rollover(tmp_path: Path) -> None:
    from desktop.logging_setup import setup_logging

    root = logging.getLogger()
    level = root.level
    path = setup_logging(tmp_path / "data")
    try:
        assert path is not None and mode(path) == 0o600 and mode(path.parent) == 0o700
        handler = next(h for h in root.handlers if getattr(h, "zhanchi", False))
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        logging.getLogger("test").warning("before the rollover")
        handler.doRollover()
        logging.getLogger("test").warning("after the rollover")
        assert mode(path) == 0o600 and mode(path.with_name("zhanchi.log.1")) == 0o600
    finally:
        for handler in [h for h in root.handlers if getattr(h, "zhanchi", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)


@posix_only
def test_the_demo_registry_files_are_owner_only(tmp_path: Path) -> None:
    from desktop.models.demo import people, write_registry_files

    insured_file, certificates_file = write_registry_files(tmp_path / "demo", list(people(3, TODAY)))
    assert mode(tmp_path / "demo") == 0o700
    assert mode(insured_file) == 0o600 and mode(certificates_file) == 0o600


# --- Windows ----------------------------------------------------------------------------------


def test_the_owner_only_acl_is_recognised_as_windows_writes_it_back() -> None:
    sid = "S-1-5-21-1004336348-1177238915-682003330-1001"
    assert win_acl.owner_only_sddl(sid, directory=True) == f"D:P(A;OICI;FA;;;{sid})"
    assert win_acl.is_owner_only(f"D:PAI(A;OICI;FA;;;{sid})", sid)
    assert not win_acl.is_owner_only(f"D:AI(A;OICI;FA;;;{sid})", sid), "inheriting from the folder above"
    assert not win_acl.is_owner_only(f"D:PAI(A;OICI;FA;;;{sid})(A;OICI;0x1200a9;;;BU)", sid), "Users may read"
    assert not win_acl.is_owner_only("D:PAI", sid), "no entry at all"


@pytest.mark.skipif(sys.platform != "win32",
                    reason="Windows ACLs exist only on Windows (the SDDL parsing above runs everywhere)")
def test_windows_data_folder_acl_is_the_current_user_alone(tmp_path: Path, clock: Clock) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "old.csv").write_text("id_number\n", encoding="utf-8")  # inherits the temp folder's ACL
    sid = win_acl.current_user_sid()
    assert not win_acl.is_owner_only(win_acl.read_dacl(folder), sid)
    open_store(folder, clock=clock).close()
    for path in (folder, folder / DB_FILENAME, folder / "old.csv"):
        dacl = win_acl.read_dacl(path)
        aces = [ace for ace in dacl.split("(")[1:]]
        assert aces and all(ace.rstrip(")").endswith(sid) for ace in aces), (path, dacl)
    assert win_acl.is_owner_only(win_acl.read_dacl(folder), sid)
    chosen = tmp_path / "export.csv"
    write_private(chosen, b"id_number\n")
    assert win_acl.is_owner_only(win_acl.read_dacl(chosen), sid)
