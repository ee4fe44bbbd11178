"""The counter's side of the central system's hardening, against the real server.

issue 14.5: a person insured outside the office's pooling area comes back as only where they are insured,
and the counter says so; the sync engine rotates its credential; an expired credential tells the clerk to
register the computer again.
issue 14.7: pushes are packed to fit the central system's body limit, and a change too large for any push
waits for a person instead of blocking the outbox.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from central_harness import HTTP, CentralServer, bearer, case_payload, import_registry
from counter_devices import new_person, outbox_states

from desktop.models import outbox
from desktop.sync.client import CentralRefused
from desktop.sync.credentials import load_device, save_device
from desktop.sync.engine import read_status, rejected_items
from wire import MAX_BODY_BYTES


def test_the_counter_says_a_person_is_insured_elsewhere(sqlite_central: CentralServer, new_counter,
                                                        tmp_path: Path) -> None:
    """issue 14.5: outside the pooling area the answer holds no personal data; the counter says where to go."""
    from desktop.sync.lookup import lookup_online, online_client

    person = new_person("440305")  # insured in Shenzhen
    insured = tmp_path / "insured.csv"
    insured.write_text(f"id_number,name,insured_region,contribution_months\n{person},孙八,440305,66\n",
                       encoding="utf-8")
    import_registry(sqlite_central.db_url, "insured", insured)
    counter = new_counter(sqlite_central, "gz", "440100")
    client = online_client(counter.store)
    assert client is not None
    with client:
        hit = lookup_online(client, person)
    assert hit is not None and hit.online
    assert hit.person is None and hit.certificates == () and hit.insured_elsewhere == "440305"
    notice = hit.notice()
    assert notice is not None and "440305" in notice and "深圳" in notice and "参保地" in notice


def _age_registration(counter, days: int) -> str:  # type: ignore[no-untyped-def]
    device = load_device(counter.data_dir)
    assert device is not None
    then = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat()
    save_device(counter.data_dir, dataclasses.replace(device, registered_at=then))
    return device.credential


def test_the_sync_engine_rotates_an_old_credential(sqlite_central: CentralServer, new_counter) -> None:
    """issue 14.5: credentials are rotated (by the counter, so the secret never travels by hand)."""
    counter = new_counter(sqlite_central, "gz", "440100")
    old = _age_registration(counter, 40)
    counter.sync()
    device = load_device(counter.data_dir)
    assert device is not None and device.credential != old and device.rotated_at
    counter.sync()  # the new credential's first use retires the old one
    refused = HTTP.post(f"{sqlite_central.url}/v1/pull", json={"cursors": {}}, headers=bearer(old))
    assert refused.status_code == 401
    counter.sync()
    assert load_device(counter.data_dir).credential == device.credential  # type: ignore[union-attr]  # not again


def test_an_expired_credential_tells_the_clerk_to_register_again(sqlite_central: CentralServer,
                                                                 new_counter) -> None:
    """issue 14.5: a credential unused for 90 days is refused with a reason the counter shows."""
    from sqlalchemy import update

    from central.db import devices, make_engine

    counter = new_counter(sqlite_central, "gz", "440100")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)
    engine = make_engine(sqlite_central.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(update(devices).where(devices.c.id == counter.device_id)
                         .values(created_at=long_ago, last_seen_at=long_ago))
    finally:
        engine.dispose()
    with pytest.raises(CentralRefused, match="请重新注册"):
        counter.sync()
    assert "请重新注册" in (read_status(counter.store).last_error or "")


def test_pushes_are_packed_to_fit_the_body_limit(sqlite_central: CentralServer, new_counter) -> None:
    """issue 14.7: large changes go in smaller pushes; one too large for any push waits for a person."""
    counter = new_counter(sqlite_central, "gz", "440100")
    payload = case_payload("440100", id_number=new_person())  # a case record as the outbox holds it
    with counter.store.session() as session:
        at = counter.store.clock.now()
        outbox.enqueue(session, entity="case", entity_id=payload["id"], op="case.accepted", payload=payload, at=at)
        huge = outbox.enqueue(session, entity="case", entity_id=payload["id"], op="case.noted",
                              payload={**payload, "note": "长" * (MAX_BODY_BYTES // 3 + 10)}, at=at)
        for _ in range(3):  # a third of the limit each: two pushes
            outbox.enqueue(session, entity="case", entity_id=payload["id"], op="case.noted",
                           payload={**payload, "note": "注" * (MAX_BODY_BYTES // 9)}, at=at)
    report = counter.sync()
    assert (report["applied"], report["rejected"]) == (4, 1), report
    assert outbox_states(counter) == {"applied": 4, "rejected": 1}
    [waiting] = rejected_items(counter.store)
    assert waiting.idempotency_key == huge.idempotency_key and "过大" in (waiting.last_error or "")
