"""The central system keeps only what it needs of a person (issue 20.4): accounts and phones masked in
what it stores, receipts' lookup codes only as a keyed hash (the key outside the database), and no
public API description unless asked for."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from central_harness import (
    HTTP,
    CentralServer,
    case_payload,
    central_cli,
    central_rows,
    enrol,
    person_id,
    push,
    push_item,
)

_rng = random.Random(20)


def _new_id() -> str:
    return person_id(_rng, "440106")


def _stored_text(db_url: str) -> str:
    """What the central database holds of cases, as text (what a copy of it gives away)."""
    rows = central_rows(db_url, "SELECT payload_json FROM changes") + \
        central_rows(db_url, "SELECT payload_json, lookup_code FROM cases")
    return json.dumps([list(r) for r in rows], ensure_ascii=False)


def test_account_phone_and_lookup_code_are_not_kept_as_sent(central: CentralServer) -> None:
    _, credential = enrol(central.url, central.db_url, "440100")
    payload = case_payload("440100", id_number=_new_id(), lookup_code="K7P2QX") | {"phone": "13800138000"}
    assert push(central.url, credential, [push_item(payload)]).status_code == 200
    stored = _stored_text(central.db_url)
    for secret in ("6222020200112233445", "13800138000", "K7P2QX"):
        assert secret not in stored
    kept = json.loads(central_rows(central.db_url, "SELECT payload_json FROM cases WHERE id = :i",
                                   i=payload["id"])[0][0])
    assert kept["payment_account"].endswith("3445") and kept["phone"].endswith("8000") and "lookup_code" not in kept
    # The applicant's lookup still works with the code from the receipt.
    found = HTTP.post(f"{central.url}/v1/progress", json={"case_no": payload["case_no"], "lookup_code": "k7p2qx"})
    assert found.status_code == 200


def test_the_lookup_code_key_is_outside_the_database_and_owner_only(central: CentralServer) -> None:
    assert central.key_file.is_file() and central.key_file.stat().st_mode & 0o077 == 0
    key = central.key_file.read_text(encoding="ascii").strip()
    assert key not in _stored_text(central.db_url)


def test_codes_an_earlier_version_kept_plain_are_hashed_at_start(tmp_path: Path) -> None:
    """A central database from before (plain lookup codes) is mended when the service starts."""
    first = CentralServer(f"sqlite:///{tmp_path / 'central.db'}", tmp_path / "first.log")
    try:
        _, credential = enrol(first.url, first.db_url, "440100")
        payload = case_payload("440100", id_number=_new_id(), lookup_code="ZZ7QX2")
        push(first.url, credential, [push_item(payload)])
    finally:
        first.stop()
    con = sqlite3.connect(tmp_path / "central.db")
    con.execute("UPDATE cases SET lookup_code = 'ZZ7QX2' WHERE id = ?", (payload["id"],))  # as kept before
    con.commit()
    con.close()
    second = CentralServer(f"sqlite:///{tmp_path / 'central.db'}", tmp_path / "first.log")
    try:
        assert "ZZ7QX2" not in _stored_text(second.db_url)
        found = HTTP.post(f"{second.url}/v1/progress", json={"case_no": payload["case_no"], "lookup_code": "ZZ7QX2"})
        assert found.status_code == 200
    finally:
        second.stop()


def test_api_documentation_is_off_unless_enabled(tmp_path: Path) -> None:
    server = CentralServer(f"sqlite:///{tmp_path / 'central.db'}", tmp_path / "server.log", api_docs=False)
    try:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert HTTP.get(f"{server.url}{path}").status_code == 404, path
        assert HTTP.get(f"{server.url}/healthz").status_code == 200
    finally:
        server.stop()


def test_retention_deletes_old_logs_and_reduces_payloads_kept_whole(tmp_path: Path) -> None:
    """``python -m central retention``: registry lookups and security events past their period go; a
    payload an earlier version kept whole is reduced; a period under six months is refused."""
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    server = CentralServer(db_url, tmp_path / "server.log")
    try:
        _, credential = enrol(server.url, server.db_url, "440100")
        payload = case_payload("440100", id_number=_new_id())
        push(server.url, credential, [push_item(payload)])
    finally:
        server.stop()
    con = sqlite3.connect(tmp_path / "central.db")
    con.execute("INSERT INTO registry_lookups (at, device_id, office_code, id_number, found) VALUES "
                "('2020-01-01 00:00:00.000000', 'd', '440100', '440106199001011234', 1), "
                "('2099-01-01 00:00:00.000000', 'd', '440100', '440106199001011235', 1)")
    con.execute("UPDATE cases SET payload_json = ? WHERE id = ?", (json.dumps(payload), payload["id"]))
    con.commit()
    con.close()

    refused = central_cli(db_url, "retention", "--lookups-days", "30")
    assert refused.returncode == 2 and refused.stderr.startswith("--lookups-days:")
    result = central_cli(db_url, "retention")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"lookups_deleted": 1, "events_deleted": 0, "payloads_minimised": 1}
    assert central_rows(db_url, "SELECT id_number FROM registry_lookups") == [("440106199001011235",)]
    assert "6222020200112233445" not in _stored_text(db_url)
    again = central_cli(db_url, "retention")
    assert json.loads(again.stdout)["payloads_minimised"] == 0
