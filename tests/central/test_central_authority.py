"""The central system authorises by office and refuses a second disbursement: attacks against the real
server, on SQLite and on PostgreSQL (see conftest).

issue 14.3: a device may only use its own office's case numbers; a ledger claim blocks a person at other
offices only when it is authoritative (filed in the person's insured area, or paid); every refused or
flagged attempt is recorded and listed (``python -m central incidents``).
issue 14.1: the central system keeps a disbursement record per case and batch and refuses a second
disbursement of a case (another batch while one is pending or paid), whichever device or restore sends it.
"""

from __future__ import annotations

import json
import random
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from central_harness import (
    CentralServer,
    case_payload,
    central_cli,
    central_rows,
    enrol,
    person_id,
    pull,
    push,
    push_item,
)

_rng = random.Random(1403)


def new_id(region: str = "440106") -> str:
    return person_id(_rng, region)


def incidents(central: CentralServer, *args: str) -> list[dict[str, Any]]:
    result = central_cli(central.db_url, "incidents", *args)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert isinstance(listed, list)
    return listed


def statuses(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [r["status"] for r in response.json()["results"]]


def ledger_entries(central: CentralServer, credential: str, case_id: str) -> list[dict[str, Any]]:
    return [e for e in pull(central.url, credential)["ledger"] if e["case_id"] == case_id]


def write_insured(path: Path, id_number: str, region: str) -> Path:
    path.write_text("id_number,name,insured_region,contribution_months\n"
                    f"{id_number},参保人,{region},48\n", encoding="utf-8")
    return path


# --- issue 14.3: case numbers -------------------------------------------------------------------


def test_another_offices_case_number_is_refused_recorded_and_the_real_case_syncs(central: CentralServer) -> None:
    """issue 14.3: a 440300 device pushing a case numbered 440100-… is refused (403) and the attempt is
    recorded; the real 440100 case with that number then syncs and reaches the national ledger."""
    sz_device, shenzhen = enrol(central.url, central.db_url, "440300")
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    number = f"440100-G{uuid.uuid4().hex[:3].upper()}-20261127-0001"
    squatter = push_item(case_payload("440300", id_number=new_id("440305"), case_no=number))
    response = push(central.url, shenzhen, [squatter])
    assert response.status_code == 403, response.text
    assert response.json()["refused"] == [squatter["idempotency_key"]]
    assert "440100" in response.json()["detail"]
    assert central_rows(central.db_url, "SELECT id FROM cases WHERE case_no = :n", n=number) == []

    listed = [i for i in incidents(central) if i["case_no"] == number]
    assert len(listed) == 1
    [event] = listed
    assert event["kind"] == "foreign_case_no" and event["action"] == "refused"
    assert event["device_id"] == sz_device and event["office_code"] == "440300"
    assert "440100" in event["reason"] and event["at"]

    real = case_payload("440100", id_number=new_id(), case_no=number)
    assert statuses(push(central.url, guangzhou, [push_item(real)])) == ["applied"]
    [entry] = ledger_entries(central, guangzhou, real["id"])
    assert entry["active"] is True and entry["case_no"] == number


def test_a_lower_case_or_spaced_prefix_is_no_way_round(central: CentralServer) -> None:
    """issue 14.3: the office prefix is compared exactly; a number without the device's prefix is refused."""
    _, shenzhen = enrol(central.url, central.db_url, "440300")
    for number in (f"4403000-X{uuid.uuid4().hex[:3].upper()}-20261127-0001", "440100", "X440300-A-1"):
        item = push_item(case_payload("440300", id_number=new_id("440305"), case_no=number))
        assert push(central.url, shenzhen, [item]).status_code == 403, number


def test_forged_office_code_is_recorded_too(central: CentralServer) -> None:
    """issue 14.3: the existing refusal of another office's case (403) is now recorded and listed."""
    device, shenzhen = enrol(central.url, central.db_url, "440300")
    forged = case_payload("440100", id_number=new_id())
    assert push(central.url, shenzhen, [push_item(forged)]).status_code == 403
    [event] = [i for i in incidents(central, "--office", "440300") if i["case_no"] == forged["case_no"]]
    assert event["kind"] == "foreign_case" and event["device_id"] == device and event["action"] == "refused"


# --- issue 14.3: claims outside the person's insured area ------------------------------------------


def test_claim_filed_outside_the_insured_area_does_not_block_the_insured_office(central: CentralServer) -> None:
    """issue 14.3: a 440300 device's accepted claim for a person insured in 440100 reaches 440100's
    counters as a non-blocking entry; 440100's own case is accepted and in the ledger; the earlier claim is
    annotated for its office and flagged for the central administrator (listed by ``incidents``)."""
    sz_device, shenzhen = enrol(central.url, central.db_url, "440300")
    _, shenzhen_other = enrol(central.url, central.db_url, "440300")
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    person = new_id("440106")
    sz_cursors = pull(central.url, shenzhen)["cursors"]
    fake = case_payload("440300", id_number=person) | {"insured_region": "440100", "application_region": "440300"}
    assert statuses(push(central.url, shenzhen, [push_item(fake)])) == ["applied"]

    # The insured area's counters get it, but not as a claim that counts against the person.
    [seen] = ledger_entries(central, guangzhou, fake["id"])
    assert seen["active"] is False and seen["authoritative"] is False
    # Where it was filed it still counts (the same fund would pay twice).
    [own] = ledger_entries(central, shenzhen_other, fake["id"])
    assert own["active"] is True and own["authoritative"] is False

    notes = [n for n in pull(central.url, shenzhen, sz_cursors)["annotations"] if n["case_id"] == fake["id"]]
    flags = [n for n in notes if n["kind"] == "jurisdiction"]
    assert len(flags) == 1 and "参保地" in flags[0]["message"] and flags[0]["details"]["authoritative"] is False
    [event] = [i for i in incidents(central, "--kind", "claim_outside_insured_area")
               if i["case_no"] == fake["case_no"]]
    assert event["action"] == "flagged" and event["device_id"] == sz_device and event["office_code"] == "440300"

    gz_cursors = pull(central.url, guangzhou)["cursors"]
    real = case_payload("440100", id_number=person)
    assert statuses(push(central.url, guangzhou, [push_item(real)])) == ["applied"]
    [entry] = ledger_entries(central, guangzhou, real["id"])
    assert entry["active"] is True and entry["authoritative"] is True
    # The clash is still shown to people: a duplicate note saying the other claim does not count here.
    duplicates = [n for n in pull(central.url, guangzhou, gz_cursors)["annotations"] if n["kind"] == "duplicate"]
    assert [n["case_id"] for n in duplicates] == [real["id"]]
    assert duplicates[0]["details"]["other_authoritative"] is False
    assert "不属" in duplicates[0]["message"]


def test_the_registry_decides_the_insured_area_over_what_a_device_declares(central: CentralServer,
                                                                            tmp_path: Path) -> None:
    """issue 14.3: a 440300 device declaring its own area for a person the registry has insured in 440106
    files a non-authoritative claim all the same."""
    from central_harness import import_registry

    _, shenzhen = enrol(central.url, central.db_url, "440300")
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    person = new_id("440106")
    import_registry(central.db_url, "insured", write_insured(tmp_path / "insured.csv", person, "440106"))
    lying = case_payload("440300", id_number=person)  # insured_region "440300": not what the registry says
    assert statuses(push(central.url, shenzhen, [push_item(lying)])) == ["applied"]
    flagged = [i for i in incidents(central, "--kind", "claim_outside_insured_area")
               if i["case_no"] == lying["case_no"]]
    assert len(flagged) == 1 and "440106" in flagged[0]["reason"]
    real = case_payload("440100", id_number=person)
    assert statuses(push(central.url, guangzhou, [push_item(real)])) == ["applied"]
    rows = central_rows(central.db_url, "SELECT case_id, authoritative FROM claim_authority WHERE case_id IN "
                        "(:a, :b) ORDER BY case_id", a=lying["id"], b=real["id"])
    assert dict((r[0], bool(r[1])) for r in rows) == {lying["id"]: False, real["id"]: True}


def test_a_paid_claim_counts_everywhere(central: CentralServer) -> None:
    """issue 14.3: a claim outside the insured area becomes authoritative once paid: money went out."""
    _, shenzhen = enrol(central.url, central.db_url, "440300")
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    claim = case_payload("440300", id_number=new_id()) | {"insured_region": "440100"}
    assert statuses(push(central.url, shenzhen, [push_item(claim)])) == ["applied"]
    assert [e["active"] for e in ledger_entries(central, guangzhou, claim["id"])] == [False]
    paid = claim | {"state": "paid", "version": 5, "event": {"payment_batch": "440300-A-FF20261127-01"}}
    assert statuses(push(central.url, shenzhen, [push_item(paid, op="case.paid")])) == ["applied"]
    [entry] = ledger_entries(central, guangzhou, claim["id"])
    assert entry["active"] is True and entry["authoritative"] is True


def test_municipality_districts_are_one_area(central: CentralServer) -> None:
    """issue 14.3 (POLICY.md insured_region): a Beijing district office may file for a person insured in
    another Beijing district or a former county code: one pooling area, an authoritative claim."""
    _, beijing = enrol(central.url, central.db_url, "110105")
    claim = case_payload("110105", id_number=new_id("110108")) | {"insured_region": "110228"}
    assert statuses(push(central.url, beijing, [push_item(claim)])) == ["applied"]
    assert [e["authoritative"] for e in ledger_entries(central, beijing, claim["id"])] == [True]
    assert [i for i in incidents(central) if i["case_no"] == claim["case_no"]] == []


# --- issue 14.1: one disbursement per case ------------------------------------------------------


def _approved(office: str) -> dict[str, Any]:
    return case_payload(office, id_number=new_id(), state="approved", version=4)


def _exported(case: dict[str, Any], batch_no: str, batch_id: str | None = None) -> dict[str, Any]:
    """A ``case.payment_exported`` item as ``desktop.models.payments`` enqueues it."""
    event = {"batch_id": batch_id or str(uuid.uuid4()), "batch_no": batch_no, "amount_yuan": 1500,
             "account": "6222****3445"}
    return push_item(case | {"event": event}, op="case.payment_exported")


def _settled(case: dict[str, Any], batch_no: str, state: str, version: int) -> dict[str, Any]:
    """``case.paid`` / ``case.payment_failed``: the batch travels as ``payment_batch`` (apply_transition's
    details) or ``batch_no``."""
    event = {"payment_batch": batch_no, "amount_yuan": 1500}
    return push_item(case | {"state": state, "version": version, "event": event}, op=f"case.{state}")


def test_second_disbursement_in_another_batch_is_rejected_while_pending_or_paid(central: CentralServer) -> None:
    """issue 14.1: export in batch 01, then (a restored backup) export in batch 02: rejected, naming batch 01,
    flagged for the administrator; retries of the first export are already_applied; the same batch sent
    again under a new key is no repeat; once paid, no other batch is ever accepted."""
    device, credential = enrol(central.url, central.db_url, "440100")
    case = _approved("440100")
    assert statuses(push(central.url, credential, [push_item(case, op="case.approved")])) == ["applied"]
    first_no = f"440100-{uuid.uuid4().hex[:4].upper()}-FF20261127-01"
    first = _exported(case, first_no)
    assert statuses(push(central.url, credential, [first])) == ["applied"]

    again_no = first_no[:-2] + "02"
    again = _exported(case, again_no)
    response = push(central.url, credential, [again])
    assert statuses(response) == ["rejected"]
    reason = response.json()["results"][0]["reason"]
    assert first_no in reason and "待银行结果" in reason and "拒绝重复发放" in reason
    # A restore can also hand out the same batch number again: another batch all the same (its id differs).
    same_number = _exported(case, first_no)
    assert statuses(push(central.url, credential, [same_number])) == ["rejected"]

    assert statuses(push(central.url, credential, [first])) == ["already_applied"]  # a retry
    resent = {**first, "idempotency_key": str(uuid.uuid4())}  # the same batch, queued again
    assert statuses(push(central.url, credential, [resent])) == ["applied"]

    assert statuses(push(central.url, credential, [_settled(case, first_no, "paid", 5)])) == ["applied"]
    later = _exported(case | {"version": 6}, first_no[:-2] + "03")
    response = push(central.url, credential, [later])
    assert statuses(response) == ["rejected"]
    assert "已发放" in response.json()["results"][0]["reason"]

    rows = central_rows(central.db_url, "SELECT batch_no, status FROM disbursements WHERE case_id = :c",
                        c=case["id"])
    assert rows == [(first_no, "paid")]
    events = [i for i in incidents(central, "--kind", "repeat_disbursement") if i["case_no"] == case["case_no"]]
    assert len(events) == 3 and {e["action"] for e in events} == {"rejected"}
    assert all(e["device_id"] == device and first_no in e["reason"] for e in events)


def test_a_failed_disbursement_may_be_exported_again(central: CentralServer) -> None:
    """issue 14.1: case.payment_failed settles batch 01 as failed; batch 02 is then accepted, and while it is
    pending batch 03 is refused.  Export and result in one push are applied in order."""
    _, credential = enrol(central.url, central.db_url, "440100")
    case = _approved("440100")
    first_no = f"440100-{uuid.uuid4().hex[:4].upper()}-FF20261127-01"
    items = [push_item(case, op="case.approved"), _exported(case, first_no),
             _settled(case, first_no, "payment_failed", 5)]
    assert statuses(push(central.url, credential, items)) == ["applied"] * 3
    second_no = first_no[:-2] + "02"
    requeued = case | {"state": "approved", "version": 6}
    assert statuses(push(central.url, credential, [push_item(requeued, op="case.approved"),
                                                   _exported(requeued, second_no)])) == ["applied", "applied"]
    third = _exported(requeued, first_no[:-2] + "03")
    response = push(central.url, credential, [third])
    assert statuses(response) == ["rejected"] and second_no in response.json()["results"][0]["reason"]
    rows = central_rows(central.db_url, "SELECT batch_no, status FROM disbursements WHERE case_id = :c "
                        "ORDER BY batch_no", c=case["id"])
    assert rows == [(first_no, "failed"), (second_no, "pending")]


def test_an_export_without_a_batch_is_rejected(central: CentralServer) -> None:
    """issue 14.1: a payment export the central system cannot tie to a batch cannot be checked: rejected."""
    _, credential = enrol(central.url, central.db_url, "440100")
    case = _approved("440100")
    response = push(central.url, credential, [push_item(case, op="case.payment_exported")])
    assert statuses(response) == ["rejected"] and "批次" in response.json()["results"][0]["reason"]


# --- the listing ---------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["incidents", "--office", "4401"], ["incidents", "--since", "yesterday"],
                                  ["incidents", "--kind", "nothing"]])
def test_incidents_bad_input_exits_2_with_one_line(argv: list[str], tmp_path: Path) -> None:
    result = central_cli(f"sqlite:///{tmp_path / 'c.db'}", *argv)
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_incidents_lists_an_empty_database_as_an_empty_list(tmp_path: Path) -> None:
    result = central_cli(f"sqlite:///{tmp_path / 'c.db'}", "incidents", "--since", "2026-01-01")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
