"""The wire protocol module: pure, and in step with the registry files; the credential file."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from desktop.models.registry_files import COLUMNS
from desktop.sync import protocol
from desktop.sync.credentials import DeviceCredential, load_device, save_device


def test_protocol_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, desktop.sync.protocol\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'sqlalchemy'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_registry_rows_travel_in_the_registry_file_column_order() -> None:
    assert COLUMNS["insured"] == protocol.INSURED_COLUMNS
    assert COLUMNS["certificates"] == protocol.CERTIFICATE_COLUMNS


def test_messages_refuse_what_the_protocol_does_not_allow() -> None:
    with pytest.raises(ValidationError):
        protocol.PushItem(idempotency_key="k", entity="case", entity_id="x", op="case.created", payload={},
                          created_at=dt.datetime(2026, 1, 1))  # naive time
    item = {"idempotency_key": "k", "entity": "case", "entity_id": "x", "op": "case.created", "payload": {},
            "created_at": "2026-11-27T02:00:00+00:00"}
    assert len(protocol.PushBatch.model_validate({"items": [item] * protocol.MAX_PUSH_ITEMS}).items) == 1000
    with pytest.raises(ValidationError):
        protocol.PushBatch.model_validate({"items": [item] * (protocol.MAX_PUSH_ITEMS + 1)})
    with pytest.raises(ValidationError):
        protocol.EnrolRequest(token="t", office_code="4401", device_name="w")
    with pytest.raises(ValidationError):
        protocol.ProgressQuery.model_validate({"case_no": "440100-AAAA-20261127-0001"})
    answer = protocol.PullAnswer.model_validate_json(
        '{"certificates": [["S1", "440106199001011234", "skill_level", 4, "6-18-01-01", "车工", "2017-06-01", ""]],'
        ' "cursors": {"certificates": 7}, "server_time": "2026-11-27T02:00:00Z", "future_field": 1}'
    )
    assert answer.certificates[0][6] == dt.date(2017, 6, 1) and answer.cursors == {"certificates": 7}


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
    batch = protocol.PushBatch.model_validate_json(body)
    assert [i.idempotency_key for i in batch.items] == ["k1", "k2"]
    assert batch.items[0].payload == {"id": "c1", "名": "张三", "n": [1, 2.5, None]}
    assert batch.items[1].created_at == at
