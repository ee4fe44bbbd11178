"""Pushes at the same moment (issue 19.6): no longer one at a time, and still nothing missed.

Many counters push at once: the same claim accepted at several windows in the same second must
still be flagged pair by pair (a duplicate check that ran before another push committed would miss
it), and a counter pulling the ledger while others push must never skip an entry (a sequence
number handed out to a push that commits later than a higher one would fall behind the cursor).
Real server, real threads, SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
import threading
from itertools import combinations
from typing import Any

import httpx
from central_harness import CentralServer, bearer, case_payload, central_rows, enrol, person_id, push_item

OFFICE = "440300"
RNG = random.Random(19_6)


def _push_together(server: CentralServer, batches: list[tuple[str, list[dict[str, Any]]]]) -> list[int]:
    """Each (credential, items) pushed from its own thread, all released at once; the status codes."""
    start = threading.Barrier(len(batches))
    codes: list[int] = [0] * len(batches)

    def send(i: int, credential: str, items: list[dict[str, Any]]) -> None:
        with httpx.Client(timeout=60) as client:
            start.wait()
            answer = client.post(f"{server.url}/v1/push", json={"items": items}, headers=bearer(credential))
            codes[i] = answer.status_code

    threads = [threading.Thread(target=send, args=(i, c, items)) for i, (c, items) in enumerate(batches)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return codes


def test_the_same_claim_at_six_windows_at_once_is_flagged_pair_by_pair(central: CentralServer) -> None:
    windows = [enrol(central.url, central.db_url, OFFICE, f"窗口{i}")[1] for i in range(6)]
    person = person_id(RNG, "440306")
    for level in (3, 4, 5):  # three rounds: a race can be lucky once
        payloads = [case_payload(OFFICE, id_number=person, level=level) for _ in windows]
        codes = _push_together(central, [(c, [push_item(p)]) for c, p in zip(windows, payloads, strict=True)])
        assert codes == [200] * len(windows)
        ids = sorted(p["id"] for p in payloads)
        found = {row for row in central_rows(central.db_url, "SELECT case_a, case_b FROM duplicate_findings")
                 if row[0] in ids or row[1] in ids}
        assert found == set(combinations(ids, 2)), f"level {level}: {len(found)} of 15 pairs flagged"


def test_a_counter_pulling_while_others_push_never_skips_a_ledger_entry(central: CentralServer) -> None:
    pushers = [enrol(central.url, central.db_url, OFFICE, f"推送{i}")[1] for i in range(4)]
    reader = enrol(central.url, central.db_url, OFFICE, "读取")[1]
    seen: list[str] = []
    done = threading.Event()
    cursor = {"ledger": max_ledger_seq(central)}

    def follow() -> None:
        with httpx.Client(timeout=60) as client:
            while True:
                last = done.is_set()
                body = client.post(f"{central.url}/v1/pull", json={"cursors": dict(cursor)},
                                   headers=bearer(reader)).json()
                seen.extend(entry["case_no"] for entry in body["ledger"])
                cursor["ledger"] = body["cursors"]["ledger"]
                if last and not body["more"]:
                    return

    follower = threading.Thread(target=follow)
    follower.start()
    pushed: list[str] = []
    for _ in range(5):
        batches = []
        for credential in pushers:
            payloads = [case_payload(OFFICE, id_number=person_id(RNG, "440305")) for _ in range(3)]
            pushed += [p["case_no"] for p in payloads]
            batches.append((credential, [push_item(p) for p in payloads]))
        assert _push_together(central, batches) == [200] * len(pushers)
    done.set()
    follower.join(120)
    assert sorted(set(seen) & set(pushed)) == sorted(pushed), "every entry reached the reader once"
    assert len(seen) == len(set(seen))


def max_ledger_seq(central: CentralServer) -> int:
    [(value,)] = central_rows(central.db_url, "SELECT COALESCE(MAX(seq), 0) FROM ledger")
    return int(value)


def test_forty_counters_reporting_new_audit_heads_at_once_are_all_answered(central: CentralServer) -> None:
    """A pull that must record a new audit head writes it after its read transaction, never holding one
    connection while it asks the pool for another: forty at once (more than the pool's 16) all answer
    at once, where they used to wait out the pool's 30 s timeout and fail."""
    import time

    credentials = [enrol(central.url, central.db_url, "440304", f"窗口{i}")[1] for i in range(40)]
    start = threading.Barrier(len(credentials))
    answers: list[tuple[int, float]] = []

    def first_pull(i: int, credential: str) -> None:
        head = {"seq": 3 + i, "hash": f"{i:064x}", "proof_seq": 0, "proof_hash": ""}
        with httpx.Client(timeout=60) as client:
            start.wait()
            began = time.monotonic()
            reply = client.post(f"{central.url}/v1/pull", json={"cursors": {}, "audit": head},
                                headers=bearer(credential))
            answers.append((reply.status_code, time.monotonic() - began))
            assert reply.json()["audit_anchor"]["seq"] == 3 + i  # recorded, and said back

    threads = [threading.Thread(target=first_pull, args=(i, c)) for i, c in enumerate(credentials)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(code for code, _ in answers) == [200] * len(credentials)
    assert max(seconds for _, seconds in answers) < 20
