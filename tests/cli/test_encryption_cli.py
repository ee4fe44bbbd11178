"""Issue 20.1: the database and every backup encrypted, the key kept by the operating system and
never in the data folder; a folder from before encryption encrypted on its first open (a backup
first, progress said), a crash in the middle harmless.  Real processes and real files, searched
byte by byte as someone who copied the folder would."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from dbfile import open_db, plaintext_pages, raw_bytes

from desktop.models import database, keystore
from desktop.models.backup import BACKUP_DIR, DB_FILENAME

NAME, ID_NUMBER, ACCOUNT, PHONE = "司马测密", "11010519491231002X", "6222020200112233445", "13912345678"
INTAKE: dict[str, Any] = {
    "applicant": {"name": NAME, "id_number": ID_NUMBER},
    "insured_region": "440100",
    "application_region": "440100",
    "contribution_months": 40,
    "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                    "occupation_code": "6-18-01-01", "occupation_name": "车工", "issue_date": "2017-06-01"},
    "application_date": "2018-01-10",
    "payment": {"kind": "bank", "account": ACCOUNT, "bank_name": "中国工商银行", "holder_name": NAME},
    "employer": {"name": "广州白云精密机械有限公司", "uscc": "91440101MA59XXXX0G"},
    "phone": PHONE,
}
SECRETS = [NAME.encode("utf-8"), ID_NUMBER.encode("ascii"), ACCOUNT.encode("ascii"), PHONE.encode("ascii")]


def zhanchi(data_dir: Path, *args: str, stdin: str | None = None,
            keys: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command as a real process; ``keys``: another computer's (or account's) key store."""
    env = dict(os.environ)
    if keys is not None:
        env[keystore.KEY_DIR_ENV] = str(keys)
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=300, env=env)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


def status(data_dir: Path, keys: Path | None = None) -> dict[str, Any]:
    result = zhanchi(data_dir, "status", keys=keys)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo folder with one case of ours (a name, ID number, account and phone to look for) and
    a backup of it."""
    data_dir = tmp_path_factory.mktemp("encrypted")
    assert zhanchi(data_dir, "demo", "--cases", "10").returncode == 0
    result = zhanchi(data_dir, "intake", "-", "--user", "clerk", stdin=json.dumps(INTAKE, ensure_ascii=False))
    assert result.returncode == 0, result.stdout + result.stderr
    assert zhanchi(data_dir, "backup").returncode == 0
    return data_dir


def database_files(data_dir: Path) -> list[Path]:
    return [data_dir / DB_FILENAME, *sorted((data_dir / BACKUP_DIR).glob("*.db")),
            *sorted(data_dir.glob(f"{DB_FILENAME}.replaced-*"))]


def test_the_database_and_its_backup_hold_no_personal_data_in_clear(folder: Path) -> None:
    files = database_files(folder)
    assert len(files) >= 2  # the database and the backup
    with open_db(folder / DB_FILENAME) as conn:  # it is there, readable with the key
        assert conn.execute("SELECT count(*) FROM cases WHERE applicant_name = ?", (NAME,)).fetchone() == (1,)
    for path in files:
        decrypted = plaintext_pages(path)  # the search below would find them in clear
        assert all(secret in decrypted for secret in SECRETS), path
        data = raw_bytes(path)
        assert database.file_state(path) == "encrypted" and not data.startswith(database.PLAIN_HEADER), path
        for secret in SECRETS:
            assert secret not in data, (path, secret)
    # The folder holds the key's id, never the key: no file in it has the key's bytes.
    key = keystore.folder_key(folder)
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert key not in data and key.hex().encode() not in data, path


def test_the_key_is_kept_owner_only_outside_the_data_folder(folder: Path) -> None:
    key_id = keystore.read_key_id(folder)
    assert key_id is not None
    where = keystore.where_is(key_id)
    assert where is not None and where.startswith("file:")
    key_file = Path(where.removeprefix("file:"))
    assert folder.resolve() not in key_file.resolve().parents
    if sys.platform != "win32":
        assert key_file.stat().st_mode & 0o777 == 0o600 and key_file.parent.stat().st_mode & 0o777 == 0o700
    result = zhanchi(folder, "key", "status")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"data_dir": str(folder.resolve()), "database": "encrypted", "key_id": key_id,
                                         "key_kept": where}


def test_a_copied_folder_without_the_key_reveals_nothing_and_says_so(folder: Path, tmp_path: Path) -> None:
    stolen = tmp_path / "stolen"
    shutil.copytree(folder, stolen)
    elsewhere = tmp_path / "other-computer-keys"  # the thief's computer: no key for this folder
    for command in (["status"], ["audit", "verify"], ["backup"], ["restore"]):
        result = zhanchi(stolen, *command, keys=elsewhere)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "密钥" in one_line(result) and "key import" in result.stderr, result.stderr
    # A SQLite tool sees no database at all.
    for path in database_files(stolen):
        with pytest.raises(sqlite3.DatabaseError, match="not a database"), closing(sqlite3.connect(path)) as conn:
            conn.execute("SELECT * FROM sqlite_master").fetchall()
    # The typed error, for the window and the services.
    from desktop.models.store import open_store

    env_before = os.environ[keystore.KEY_DIR_ENV]
    os.environ[keystore.KEY_DIR_ENV] = str(elsewhere)
    try:
        with pytest.raises(keystore.KeyMissing):
            open_store(stolen)
        from desktop.models.account_peek import peek_account

        assert peek_account(stolen, "clerk") is None  # the window then opens the store and shows the error
    finally:
        os.environ[keystore.KEY_DIR_ENV] = env_before


def test_a_backup_of_another_folder_is_refused_for_restore(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert zhanchi(other, "demo", "--cases", "0").returncode == 0
    foreign = next((folder / BACKUP_DIR).glob("*.db"))
    result = zhanchi(other, "restore", str(foreign), "--yes")
    assert result.returncode == 2 and "无法解密" in one_line(result), result.stderr


def test_the_key_moves_to_another_computer_only_with_its_passphrase(folder: Path, tmp_path: Path) -> None:
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("十个字以上的迁移口令 correct horse\n", encoding="utf-8")
    sealed = tmp_path / "folder.zhanchi-key"
    result = zhanchi(folder, "key", "export", "--out", str(sealed), "--passphrase-file", str(passphrase),
                     "--user", "clerk")
    assert result.returncode == 0, result.stderr
    key = keystore.folder_key(folder)
    assert key not in sealed.read_bytes() and key.hex().encode() not in sealed.read_bytes()
    assert zhanchi(folder, "key", "export", "--out", str(sealed), "--passphrase-file",
                   str(passphrase)).returncode == 2  # never overwritten
    # Taking the key out is audited: who, the key's id, the file and its hash (never the key).
    key_id = keystore.read_key_id(folder)
    assert key_entries(folder, "key.export") == [
        ("clerk", key_id, {"out": str(sealed), "sha256": hashlib.sha256(sealed.read_bytes()).hexdigest()})]
    assert zhanchi(folder, "key", "export", "--out", str(tmp_path / "x"), "--passphrase-file", str(passphrase),
                   "--user", "nobody").returncode == 2  # an unknown account: refused, nothing written
    assert not (tmp_path / "x").exists() and len(key_entries(folder, "key.export")) == 1

    moved, new_keys = tmp_path / "moved", tmp_path / "new-computer-keys"
    shutil.copytree(folder, moved)
    assert zhanchi(moved, "status", keys=new_keys).returncode == 1
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n", encoding="utf-8")
    result = zhanchi(moved, "key", "import", str(sealed), "--passphrase-file", str(wrong), keys=new_keys)
    assert result.returncode == 2 and "口令" in one_line(result)
    result = zhanchi(moved, "key", "import", str(sealed), "--passphrase-file", str(passphrase), keys=new_keys)
    assert result.returncode == 0, result.stderr
    assert status(moved, keys=new_keys) == status(folder)
    [(actor, entry_key, after)] = key_entries(moved, "key.import", keys=new_keys)
    assert actor.startswith("os:") and entry_key == key_id and after["source"] == str(sealed)
    assert zhanchi(moved, "audit", "verify", keys=new_keys).returncode == 0


def key_entries(data_dir: Path, action: str, keys: Path | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """The folder's audit entries of ``action``: (actor, key id, what was recorded)."""
    key = keystore.KeyFiles(keys).get(keystore.read_key_id(data_dir) or "") if keys is not None else None
    with closing(open_db(data_dir / DB_FILENAME, key=key)) as conn:
        rows = conn.execute("SELECT actor, entity_id, after_json FROM audit_log WHERE action = ? ORDER BY seq",
                            (action,)).fetchall()
    return [(actor, entity_id, json.loads(after)) for actor, entity_id, after in rows]


# --- a folder from before encryption ----------------------------------------------------------


def make_plain_folder(source: Path, target: Path) -> None:
    """``source`` as the program before encryption left it: a plain database in write-ahead-log
    mode with changes still in its -wal (the program was killed), a plain backup, a plain database
    a restore replaced (with its -wal moved aside), no key id and no key."""
    target.mkdir()
    scratch = target.parent / f"{target.name}-scratch"
    scratch.mkdir()
    plain = scratch / DB_FILENAME
    with open_db(source / DB_FILENAME, isolation_level=None) as conn:
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        conn.execute("SELECT sqlcipher_export('plain')").fetchall()
        conn.execute("DETACH DATABASE plain")
    backups = target / BACKUP_DIR
    backups.mkdir()
    shutil.copyfile(plain, backups / "zhanchi-20261101T020000000000Z-daily.db")
    writer = sqlite3.connect(plain, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode=WAL").fetchall()
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("INSERT INTO meta (key, value) VALUES ('left-in-the-wal', 'yes')")
        # Copied while the writer holds it open: the change is only in the -wal, as after a crash.
        shutil.copyfile(plain, target / DB_FILENAME)
        shutil.copyfile(plain.with_name(DB_FILENAME + "-wal"), target / (DB_FILENAME + "-wal"))
        shutil.copyfile(plain, target / f"{DB_FILENAME}.replaced-20261102T020000Z")
        shutil.copyfile(plain.with_name(DB_FILENAME + "-wal"), target / f"{DB_FILENAME}-wal.replaced-20261102T020000Z")
    finally:
        writer.close()
    shutil.rmtree(scratch)
    for name in ("demo", "payments"):
        if (source / name).exists():
            shutil.copytree(source / name, target / name)
    assert all(database.file_state(p) == "plain" for p in database_files(target))
    assert keystore.read_key_id(target) is None


def test_a_plain_folder_is_encrypted_on_first_open_keeping_everything(folder: Path, tmp_path: Path) -> None:
    from desktop.models.account_peek import peek_account
    from desktop.models.staff import get_staff
    from desktop.models.store import PLAIN, get_meta, open_store, pending_migration

    old = tmp_path / "old"
    make_plain_folder(folder, old)
    assert sum(SECRETS[0] in raw_bytes(p) for p in database_files(old)) == 3  # in clear before
    with closing(sqlite3.connect(old / DB_FILENAME)) as conn:
        device_id = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()[0]
    assert pending_migration(old) == PLAIN  # the window shows the upgrade's progress
    assert peek_account(old, "clerk") is not None  # the first look still reads it
    steps: list[tuple[str, float | None]] = []
    store = open_store(old, progress=lambda step, fraction: steps.append((step, fraction)))
    try:
        assert store.device_id == device_id == keystore.read_key_id(old)  # the key is named by the device id
        with store.session(readonly=True) as session:
            assert get_meta(session, "left-in-the-wal") == "yes"  # the -wal was folded in, not lost
        account = get_staff(store, "clerk")
    finally:
        store.close()
    names = [step for step, _ in steps]
    assert names.index("backup_copy") < names.index("backup_check") < names.index("encrypt") \
        < names.index("encrypt_backups")
    assert ("encrypt", 1.0) in steps and steps[-1] == ("encrypt_backups", 1.0)
    assert pending_migration(old) is None and peek_account(old, "clerk") == account
    files = database_files(old)
    reasons = sorted(p.name.split("-", 2)[-1] for p in (old / BACKUP_DIR).glob("*.db"))
    assert reasons == ["before-encryption.db", "daily.db"]  # the backup taken first, kept (encrypted)
    assert len(files) == 4 and all(database.file_state(p) == "encrypted" for p in files), files
    for path in old.rglob("*"):
        if path.is_file() and path.parent.name != "demo":  # the demo's own CSV files are not the database
            assert all(secret not in path.read_bytes() for secret in SECRETS), path
    assert not list(old.glob("*.encrypting")) and not list(old.glob(f"{DB_FILENAME}-wal.replaced-*"))
    assert status(old) == status(folder)
    result = zhanchi(old, "audit", "verify")
    assert result.returncode == 0, result.stdout + result.stderr
    for backup in (old / BACKUP_DIR).glob("*.db"):  # every backup still restores
        with open_db(backup) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("SELECT count(*) FROM cases WHERE applicant_name = ?", (NAME,)).fetchone() == (1,)


CRASH = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from desktop.models.store import open_store

    def progress(step, fraction):
        if step == "encrypt" and fraction is not None and fraction < 1.0:
            print(f"killed at {fraction:.2f}", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    open_store(Path(sys.argv[1]), progress=progress).close()
    print("finished", flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_crash_while_encrypting_leaves_the_plain_database_usable(folder: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    make_plain_folder(folder, old)
    with closing(sqlite3.connect(old / DB_FILENAME)) as conn, conn:  # megabytes: the copy takes many steps
        conn.execute("CREATE TABLE filler (x BLOB)")
        conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                     "INSERT INTO filler SELECT randomblob(400) FROM n")
    before = status(folder)
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(old)], capture_output=True, text=True, timeout=300)
    assert crashed.returncode == -9 and crashed.stdout.startswith("killed at"), crashed.stdout + crashed.stderr
    # Killed in the middle of the copy: the database is the plain one, whole and readable.
    assert database.file_state(old / DB_FILENAME) == "plain"
    with closing(sqlite3.connect(f"file:{old / DB_FILENAME}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT value FROM meta WHERE key = 'left-in-the-wal'").fetchone() == ("yes",)
    # The next start encrypts it (the key made before the crash is used) and nothing is lost.
    assert status(old) == before
    assert database.file_state(old / DB_FILENAME) == "encrypted"
    assert all(database.file_state(p) == "encrypted" for p in database_files(old))
    assert not list(old.glob("*.encrypting"))
    result = zhanchi(old, "audit", "verify")
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_in_a_copied_folder_shows_a_persons_data(folder: Path, tmp_path: Path) -> None:
    """Issue 20.1, the whole folder: besides the database and its backups, the window's own files — a
    receipt issued into ``documents/`` to preview and print, the clerk's autosaved draft — hold none of the
    person's name, ID number, account or phone as they lie on the disk; every file, byte by byte."""
    from desktop.documents.case_documents import issue_to_data_folder
    from desktop.models.drafts import save_draft
    from desktop.models.rules import Verifier
    from desktop.models.staff import get_staff
    from desktop.models.store import open_store

    store = open_store(folder)
    try:
        clerk = get_staff(store, "clerk")
        with store.session(readonly=True) as session:
            [(case_id,)] = session.execute(text_query("SELECT id FROM cases WHERE applicant_name = :n"), {"n": NAME})
        issued = issue_to_data_folder(store, Verifier.load(folder), clerk, case_id, "receipt")
        save_draft(folder, {"form": {"intake.name": NAME, "intake.id_number": ID_NUMBER,
                                     "intake.account": ACCOUNT, "intake.phone": PHONE}}, "clerk")
    finally:
        store.close()
    assert issued.path.is_relative_to(folder)
    copied = tmp_path / "copied"
    shutil.copytree(folder, copied)
    files = [p for p in copied.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) and any(p.parent.name == "drafts" for p in files)
    for path in files:
        data = raw_bytes(path) if path.suffix == ".db" else path.read_bytes()
        for secret in SECRETS:
            assert secret not in data, (path.relative_to(copied), secret)
        if path.suffix == ".pdf":  # a PDF's text is compressed and glyph-coded: ask a PDF reader, as a thief would
            read = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
            assert NAME not in read.stdout and not data.startswith(b"%PDF"), path.relative_to(copied)


def text_query(sql: str) -> Any:
    from sqlalchemy import text

    return text(sql)
