"""The wire format package: its messages refuse what the protocol does not allow, its registry rows are in
step with the registry files, and its pure parts load without pydantic (the window reads the name limits at
start).  That it imports neither ``desktop`` nor ``central`` is checked in tests/test_layering.py."""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import sys

import pytest
from pydantic import ValidationError

import wire
from desktop.models.registry_files import COLUMNS


def test_registry_rows_travel_in_the_registry_file_column_order() -> None:
    assert COLUMNS["insured"] == wire.INSURED_COLUMNS
    assert COLUMNS["certificates"] == wire.CERTIFICATE_COLUMNS


def test_messages_refuse_what_the_protocol_does_not_allow() -> None:
    with pytest.raises(ValidationError):
        wire.PushItem(idempotency_key="k", entity="case", entity_id="x", op="case.created", payload={},
                      created_at=dt.datetime(2026, 1, 1))  # naive time
    item = {"idempotency_key": "k", "entity": "case", "entity_id": "x", "op": "case.created", "payload": {},
            "created_at": "2026-11-27T02:00:00+00:00"}
    assert len(wire.PushBatch.model_validate({"items": [item] * wire.MAX_PUSH_ITEMS}).items) == 1000
    with pytest.raises(ValidationError):
        wire.PushBatch.model_validate({"items": [item] * (wire.MAX_PUSH_ITEMS + 1)})
    with pytest.raises(ValidationError):
        wire.EnrolRequest(token="t", office_code="4401", device_name="w")
    with pytest.raises(ValidationError):
        wire.ProgressQuery.model_validate({"case_no": "440100-AAAA-20261127-0001"})
    answer = wire.PullAnswer.model_validate_json(
        '{"certificates": [["S1", "440106199001011234", "skill_level", 4, "6-18-01-01", "车工", "2017-06-01", ""]],'
        ' "cursors": {"certificates": 7}, "server_time": "2026-11-27T02:00:00Z", "future_field": 1}'
    )
    assert answer.certificates[0][6] == dt.date(2017, 6, 1) and answer.cursors == {"certificates": 7}


def test_every_public_name_of_a_part_is_a_name_of_the_package() -> None:
    for part in wire._PARTS:
        module = importlib.import_module(f"wire.{part}")
        for name in module.__all__:
            assert getattr(wire, name) is getattr(module, name), f"wire.{name}"
    with pytest.raises(AttributeError):
        _ = wire.BaseModel  # what a part imports is not the package's
    with pytest.raises(AttributeError):
        _ = wire.NoSuchMessage


def test_the_limits_load_without_pydantic_in_a_fresh_interpreter() -> None:
    code = (
        "import sys\n"
        "import wire\n"
        "from wire import MAX_PERSON_NAME, STREAMS\n"
        "from wire.limits import MAX_EMPLOYER_NAME\n"
        "print('pydantic' in sys.modules)\n"
        "from wire import PushBatch\n"
        "print('pydantic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
