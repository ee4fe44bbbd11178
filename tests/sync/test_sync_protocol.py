"""The counter's side of the wire: the device credential file, and the push batch it encodes (the wire
format itself: tests/wire)."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import wire
from desktop.sync.credentials import DeviceCredential, load_device, save_device


def test_device_credential_file_is_owner_only_and_secret_stays_out_of_repr(tmp_path: Path) -> None:
    device = DeviceCredential(central_url="http://127.0.0.1:8700", device_id="d", device_name="窗口",
                              office_code="440100", registered_at="2026-11-27T02:00:00+00:00",
                              credential="zc1.very-secret")
    path = save_device(tmp_path / "data", device)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_device(tmp_path / "data") == device
    assert "very-secret" not in repr(device) and "credential" not in device.public()
    path.write_text("{not json", encoding="utf-8")
    assert load_device(tmp_path / "data") is None
    assert list((tmp_path / "data").glob(".device-*")) == []  # no temporary file left behind


def test_an_encoded_outbox_batch_is_a_push_batch() -> None:
    from desktop.sync.client import encode_push_batch

    at = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
    body = encode_push_batch([
        ("k1", "case", "c1", "case.created", '{"id":"c1","名":"张三","n":[1,2.5,null]}', at),
        ("k2", "document", "c1", "document.receipt", '{"case_id":"c1"}', at),
    ])
    batch = wire.PushBatch.model_validate_json(body)
    assert [i.idempotency_key for i in batch.items] == ["k1", "k2"]
    assert batch.items[0].payload == {"id": "c1", "名": "张三", "n": [1, 2.5, None]}
    assert batch.items[1].created_at == at
