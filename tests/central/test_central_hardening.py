"""Attacks against the real central server, on SQLite and on PostgreSQL (see conftest).

issue 14.7: the server cannot be knocked over: an oversized body is refused with 413 before it is read
(and the server's memory stays bounded), every field has bounds (hostile values give 4xx, never 5xx), and
wrong lookup codes are limited by client address and case with backoff, so a stranger's guesses do not
lock the real applicant out.
issue 14.5: the national registry cannot be harvested: person lookups are limited per device (over-limit
devices are listed for the administrator) and scoped to the office's pooling area; device credentials
can be rotated and expire when unused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import re
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from central_harness import (
    HTTP,
    CentralServer,
    bearer,
    case_payload,
    central_cli,
    enrol,
    import_registry,
    person_id,
    push,
    push_item,
)

from wire import MAX_BODY_BYTES, MAX_PUSH_ITEMS

_rng = random.Random(1457)
MiB = 1024 * 1024


def new_id(region: str = "440106") -> str:
    return person_id(_rng, region)


def server_rss(server: CentralServer) -> int:
    """Resident memory of the server process, in bytes (Linux /proc)."""
    status = Path(f"/proc/{server.process.pid}/status").read_text(encoding="utf-8")
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match, status
    return int(match.group(1)) * 1024


def incidents(central: CentralServer, *args: str) -> list[dict[str, Any]]:
    result = central_cli(central.db_url, "incidents", *args)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert isinstance(listed, list)
    return listed


def set_device_times(central: CentralServer, device_id: str, **times: dt.datetime) -> None:
    """Move a device's created_at / last_seen_at (what months without use would leave)."""
    from sqlalchemy import update

    from central.db import devices, make_engine

    engine = make_engine(central.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(update(devices).where(devices.c.id == device_id).values(**times))
    finally:
        engine.dispose()


def write_insured(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["id_number,name,employer_uscc,employer_name,insured_region,contribution_months,phone,"
             "receiving_unemployment_benefit"]
    lines += [f"{i},{name},,秘密机械有限公司,{region},66,13912345678,false" for i, name, region in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_certificates(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["number,id_number,kind,level,occupation_code,occupation_name,issue_date,issuer"]
    lines += [f"{number},{id_number},skill_level,4,6-18-01-01,车工,2017-06-01,鉴定中心" for number, id_number in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- issue 14.7: oversized bodies -----------------------------------------------------------------


def _read_status(sock: socket.socket, timeout: float) -> int | None:
    """The status code of the answer on ``sock``, or None when none comes within ``timeout``."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except TimeoutError:
        return None
    except OSError:
        pass
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(match.group(1)) if match else None


def _send_body(sock: socket.socket, total: int, chunked: bool) -> None:
    block = b"x" * MiB
    try:
        for _ in range(total // MiB):
            sock.sendall(f"{MiB:x}\r\n".encode() + block + b"\r\n" if chunked else block)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
    except OSError:
        return  # the server stopped reading: what it should do


def oversized_post(server: CentralServer, path: str, total: int, *, chunked: bool) -> tuple[int | None, float]:
    """POST ``total`` bytes of junk (declared with Content-Length, or chunked); (status, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     f"{length}\r\n\r\n".encode())
        status = None if chunked else _read_status(sock, 1.0)  # refused on the header alone
        if status is None:
            sender = threading.Thread(target=_send_body, args=(sock, total, chunked), daemon=True)
            sender.start()
            status = _read_status(sock, 60.0)
            with contextlib.suppress(OSError):  # the server may have closed it already
                sock.shutdown(socket.SHUT_RDWR)
            sender.join(30)
    return status, time.monotonic() - started


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_an_oversized_body_is_refused_with_413_and_memory_stays_bounded(central: CentralServer,
                                                                          chunked: bool) -> None:
    """issue 14.7: a 150 MB unauthenticated body grew the server by 460 MB; now 413, before it is read."""
    assert HTTP.get(f"{central.url}/healthz").status_code == 200
    before = server_rss(central)
    status, seconds = oversized_post(central, "/v1/enrol", 150 * MiB, chunked=chunked)
    assert status == 413
    assert seconds < 10
    grown = server_rss(central) - before
    assert grown < 48 * MiB, f"the server grew by {grown // MiB} MiB"
    assert HTTP.get(f"{central.url}/healthz").status_code == 200  # still serving


def test_a_push_as_large_as_the_largest_real_one_still_fits(central: CentralServer) -> None:
    """issue 14.7: the limit is derived from the protocol (MAX_PUSH_ITEMS real case records fit)."""
    _, credential = enrol(central.url, central.db_url, "440100")
    record = case_payload("440100", id_number=new_id())
    record["verdict"] = {"checks": [{"rule": f"rule_{n}", "passed": True, "message": "累计缴纳失业保险费" * 8,
                                     "basis": "人社部发〔2017〕40号"} for n in range(12)]}  # as large as a real one
    items = [push_item({**record, "id": str(uuid.uuid4())}, entity="thing", op="thing.new")
             for _ in range(MAX_PUSH_ITEMS)]
    body = json.dumps({"items": items}, ensure_ascii=False).encode("utf-8")
    assert 4 * MiB < len(body) < MAX_BODY_BYTES
    answer = HTTP.post(f"{central.url}/v1/push", content=body, headers={
        **bearer(credential), "Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text[:300]
    assert {r["status"] for r in answer.json()["results"]} == {"rejected"}  # an unknown entity: each item rejected


# --- issue 14.7: bounds on every field --------------------------------------------------------------


def _hostile_requests(office: str, case: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], bool]]:
    """(label, path, body, with the device credential); ``case`` is on the server."""
    big = 10**30
    paid = {**case_payload(office, id_number=new_id(), state="paid"),
            "event": {"batch_no": "B-1", "amount_yuan": big}}
    document = {"case_id": "\x00" + case["id"], "case_no": case["case_no"]}
    return [
        ("non-ASCII lookup code", "/v1/progress", {"case_no": case["case_no"], "lookup_code": "ÄBC234"}, False),
        ("CJK lookup code", "/v1/progress", {"case_no": case["case_no"], "lookup_code": "查询码"}, False),
        ("non-ASCII case number", "/v1/progress", {"case_no": "４４０１００-Ｔ", "lookup_code": "ABC234"}, False),
        ("NUL in case number", "/v1/progress", {"case_no": "440100-\x00", "lookup_code": "ABC234"}, False),
        ("cursor 10^30", "/v1/pull", {"cursors": {"ledger": big}}, True),
        ("negative cursor", "/v1/pull", {"cursors": {"insured": -big}}, True),
        ("limit 10^30", "/v1/pull", {"cursors": {}, "limit": big}, True),
        ("many cursors", "/v1/pull", {"cursors": {f"s{n}": 1 for n in range(5000)}}, True),
        ("push version 10^30", "/v1/push", {"items": [push_item({**case, "version": big})]}, True),
        ("push level 10^30", "/v1/push", {"items": [push_item({**case, "cert_level": big})]}, True),
        ("payment of 10^30 yuan", "/v1/push", {"items": [push_item(paid, op="case.paid")]}, True),
        ("NUL in a case record", "/v1/push", {"items": [push_item({**case, "applicant_name": "张\x00三"})]}, True),
        ("NUL in a case number", "/v1/push", {"items": [push_item({**case, "case_no": f"{office}-\x00"})]}, True),
        ("lone surrogate", "/v1/push", {"items": [push_item({**case, "applicant_name": "张\ud800"})]}, True),
        ("NUL in a document's case", "/v1/push",
         {"items": [push_item(document, entity="document", op="document.receipt")]}, True),
        ("NUL in a key", "/v1/push", {"items": [push_item(case, key="k\x00")]}, True),
        ("year 9999 at -10:00", "/v1/push",
         {"items": [{**push_item(case), "created_at": "9999-12-31T23:59:59-10:00"}]}, True),
        ("year 1 at +14:00", "/v1/push", {"items": [{**push_item(case), "created_at": "0001-01-01T00:00:00+14:00"}]},
         True),
        ("NUL in an ID number", "/v1/registry/person", {"id_number": "44010619900101\x00\x00\x00X"}, True),
        ("non-ASCII ID number", "/v1/registry/person", {"id_number": "４４０１０６１９９０"}, True),
        ("NUL in an employer", "/v1/registry/employers", {"names": ["某公司\x00"], "usccs": ["\x00"]}, True),
        ("a very long employer", "/v1/registry/employers", {"names": ["厂" * 100_000]}, True),
        ("NUL in a device name", "/v1/enrol", {"token": "X", "office_code": office, "device_name": "窗\x00"}, False),
    ]


_AMOUNT_DROPPED = {"payment of 10^30 yuan"}  # an amount no INTEGER holds is kept as no amount: the event stands


def test_hostile_values_get_4xx_never_5xx(central: CentralServer) -> None:
    """issue 14.7: a non-ASCII lookup code, a cursor or version of 10^30 ... gave HTTP 500."""
    _, credential = enrol(central.url, central.db_url, "440100")
    case = case_payload("440100", id_number=new_id())
    assert push(central.url, credential, [push_item(case)]).status_code == 200
    failures = []
    for label, path, body, with_credential in _hostile_requests("440100", case):
        content = json.dumps(body, ensure_ascii=True).encode("ascii")  # \ud800 travels as an escape
        headers = {"Content-Type": "application/json", **(bearer(credential) if with_credential else {})}
        response = HTTP.post(f"{central.url}{path}", content=content, headers=headers)
        if response.status_code >= 500:
            failures.append((label, response.status_code, response.text[:200]))
        elif (path == "/v1/push" and response.status_code == 200 and label not in _AMOUNT_DROPPED
              and [r["status"] for r in response.json()["results"]] != ["rejected"]):
            # Refused per item (the push semantics) is as good as a 4xx: nothing of it is stored.
            failures.append((label, 200, response.text[:200]))
    assert not failures, failures
    assert HTTP.get(f"{central.url}/healthz").status_code == 200


def test_bounds_are_in_the_openapi_document(central: CentralServer) -> None:
    """issue 14.7: every int and str of the requests has bounds, so clients and fuzzers see them."""
    schemas = HTTP.get(f"{central.url}/openapi.json").json()["components"]["schemas"]
    progress = schemas["ProgressQuery"]["properties"]
    assert "pattern" in progress["lookup_code"] and "pattern" in progress["case_no"]
    assert "pattern" in schemas["PersonQuery"]["properties"]["id_number"]
    cursors = schemas["PullRequest"]["properties"]["cursors"]
    assert cursors["additionalProperties"]["maximum"] <= 2**63 and cursors["maxProperties"] <= 64


# --- issue 14.7: lookup codes --------------------------------------------------------------------------


def progress(central: CentralServer, case_no: str, code: str, address: str) -> httpx.Response:
    # The harness talks over loopback, which the server trusts to name the client (a reverse proxy's place).
    return HTTP.post(f"{central.url}/v1/progress", json={"case_no": case_no, "lookup_code": code},
                     headers={"X-Forwarded-For": address})


def test_wrong_codes_from_one_address_do_not_lock_out_the_applicant(central: CentralServer) -> None:
    """issue 14.7: ten wrong lookup codes locked the real applicant out for an hour."""
    _, credential = enrol(central.url, central.db_url, "440100")
    case = case_payload("440100", id_number=new_id(), lookup_code="K7P2QX")
    assert push(central.url, credential, [push_item(case)]).status_code == 200
    stranger, applicant = "203.0.113.7", "198.51.100.23"
    codes = [progress(central, case["case_no"], f"GUESS{n}", stranger).status_code for n in range(12)]
    assert codes[0] == 404 and codes[-1] == 429, codes
    refused = progress(central, case["case_no"], "K7P2QX", stranger)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "请" in refused.json()["detail"]
    answer = progress(central, case["case_no"], "K7P2QX", applicant)  # the applicant, elsewhere
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "accepted"


def test_one_address_is_capped_across_case_numbers(central: CentralServer) -> None:
    """issue 14.7: besides the limit per (address, case), a cap per address over every case number."""
    _, credential = enrol(central.url, central.db_url, "440100")
    case = case_payload("440100", id_number=new_id(), lookup_code="ZZ7QX2")
    push(central.url, credential, [push_item(case)])
    sweeper = "192.0.2.99"
    statuses = [progress(central, f"440100-TX-20261127-{n:04d}", "ABCDEF", sweeper).status_code for n in range(80)]
    assert statuses[0] == 404 and 429 in statuses and statuses[-1] == 429
    assert progress(central, case["case_no"], "ZZ7QX2", sweeper).status_code == 429
    assert progress(central, case["case_no"], "ZZ7QX2", "192.0.2.100").status_code == 200  # anyone else: fine


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


START = dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)


def test_wrong_codes_back_off_exponentially(tmp_path: Path) -> None:
    """issue 14.7: after the free tries each further wrong code doubles the wait, up to an hour."""
    from central.db import make_engine
    from central.limits import LookupLimiter

    clock = _Clock()
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    limiter = LookupLimiter(engine, clock=lambda: START + dt.timedelta(seconds=clock.now))
    address, case_no = "203.0.113.9", "440100-T01-20261127-0001"
    waits = []
    for _ in range(20):
        wait = limiter.retry_after(address, case_no)
        if wait:
            waits.append(round(wait))
            clock.now += wait  # the guesser waits as told, then guesses again
        limiter.failed(address, case_no)
    assert waits[0] >= 1 and all(b == min(2 * a, 3600) for a, b in zip(waits, waits[1:], strict=False)), waits
    assert waits[-1] == 3600
    assert limiter.retry_after("198.51.100.1", case_no) == 0  # another address: untouched
    clock.now += 2 * 3600 + 1  # a quiet while later the slate is clean
    assert limiter.retry_after(address, case_no) == 0
    engine.dispose()


def test_the_lookup_limiter_keeps_nothing_in_memory_and_prunes_quiet_keys(tmp_path: Path) -> None:
    """issue 14.7 / 19.5: the strikes are rows of the database (shared by every worker), and keys quiet
    for long are deleted as new failures come in, so a flood of addresses cannot grow without end."""
    from sqlalchemy import func, select

    from central.db import make_engine, rate_strikes
    from central.limits import LookupLimiter

    clock = _Clock()
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    limiter = LookupLimiter(engine, clock=lambda: START + dt.timedelta(seconds=clock.now))
    for n in range(300):
        limiter.failed(f"10.0.{n // 256}.{n % 256}", f"CASE-{n}")
    assert vars(limiter).keys() == {"engine", "per_case", "per_address", "base", "cap", "clock"}
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(rate_strikes)) == 600
    clock.now += 4 * 3600
    limiter.failed("10.9.9.9", "CASE-X")
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(rate_strikes)) == 2
    engine.dispose()


# --- issue 14.5: person lookups -------------------------------------------------------------------------


def lookup(central: CentralServer, credential: str, id_number: str) -> httpx.Response:
    return HTTP.post(f"{central.url}/v1/registry/person", json={"id_number": id_number}, headers=bearer(credential))


def test_a_device_over_its_lookup_rate_gets_429_and_is_listed(central: CentralServer) -> None:
    """issue 14.5: a Shenzhen device looked up 1,000 ID numbers in 3.3 s with no limit."""
    harvester, credential = enrol(central.url, central.db_url, "440300", "窗口9")
    _, neighbour = enrol(central.url, central.db_url, "440300", "窗口8")
    statuses = [lookup(central, credential, new_id("440305")).status_code for _ in range(30)]
    assert statuses[:20] == [200] * 20, statuses
    assert set(statuses[20:]) == {429}
    refused = lookup(central, credential, new_id("440305"))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert lookup(central, neighbour, new_id("440305")).status_code == 200  # the rate is the device's own
    listed = [e for e in incidents(central, "--kind", "lookup_rate_exceeded") if e["device_id"] == harvester]
    assert len(listed) == 1, listed  # once per burst, not once per refused request
    assert listed[0]["office_code"] == "440300" and listed[0]["device_name"] == "窗口9"
    assert listed[0]["action"] == "refused" and "20" in listed[0]["reason"]


def test_a_lookup_outside_the_pooling_area_answers_only_where_the_person_is_insured(
        central: CentralServer, tmp_path: Path) -> None:
    """issue 14.5: outside the office's pooling area the answer says where the person is insured, nothing else."""
    gz_person, gz_uninsured = new_id("440106"), new_id("440104")
    import_registry(central.db_url, "insured", write_insured(tmp_path / "i.csv", [(gz_person, "钱广州", "440106")]))
    import_registry(central.db_url, "certificates", write_certificates(tmp_path / "c.csv", [
        ("S000144000123174555001", gz_person), ("S000144000123174555002", gz_uninsured)]))
    _, shenzhen = enrol(central.url, central.db_url, "440300")
    _, guangzhou = enrol(central.url, central.db_url, "440100")

    outside = lookup(central, shenzhen, gz_person)
    assert outside.status_code == 200
    body = outside.json()
    assert body["person"] is None and body["certificates"] == [] and body["insured_elsewhere"] == "440106"
    for secret in ("钱广州", "13912345678", "秘密机械", "S000144000123174555001", "车工"):
        assert secret not in outside.text
    nothing = lookup(central, shenzhen, gz_uninsured).json()  # certificates of someone insured nowhere known
    assert nothing["person"] is None and nothing["certificates"] == [] and nothing["insured_elsewhere"] is None

    inside = lookup(central, guangzhou, gz_person).json()
    assert inside["person"][1] == "钱广州" and inside["person"][5] == 66 and inside["insured_elsewhere"] is None
    assert [c[0] for c in inside["certificates"]] == ["S000144000123174555001"]
    assert [c[0] for c in lookup(central, guangzhou, gz_uninsured).json()["certificates"]] == [
        "S000144000123174555002"]


# --- issue 14.5: credentials --------------------------------------------------------------------------


def test_an_unused_credential_expires(central: CentralServer) -> None:
    """issue 14.5: device credentials never expired."""
    device_id, credential = enrol(central.url, central.db_url, "440100")
    assert lookup(central, credential, new_id()).status_code == 200
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
    set_device_times(central, device_id, created_at=long_ago, last_seen_at=long_ago)
    expired = HTTP.post(f"{central.url}/v1/pull", json={"cursors": {}}, headers=bearer(credential))
    assert expired.status_code == 401
    assert "请重新注册" in expired.json()["detail"] and "90" in expired.json()["detail"]
    # Used 89 days ago: still good, and the use counts.
    device_id, credential = enrol(central.url, central.db_url, "440100")
    recently = dt.datetime.now(dt.UTC) - dt.timedelta(days=89)
    set_device_times(central, device_id, created_at=long_ago, last_seen_at=recently)
    assert HTTP.post(f"{central.url}/v1/pull", json={"cursors": {}}, headers=bearer(credential)).status_code == 200
    listed = json.loads(central_cli(central.db_url, "devices").stdout)
    seen = next(d for d in listed if d["id"] == device_id)["last_seen_at"]
    assert dt.datetime.fromisoformat(seen) > dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)


def test_a_rotated_credential_replaces_the_old_one(central: CentralServer) -> None:
    """issue 14.5: credentials can be rotated; the old one works until the new one is first used."""
    device_id, old = enrol(central.url, central.db_url, "440100")
    rotated = HTTP.post(f"{central.url}/v1/rotate", headers=bearer(old))
    assert rotated.status_code == 200, rotated.text
    body = rotated.json()
    new = body["credential"]
    assert body["device_id"] == device_id and new != old
    assert lookup(central, old, new_id()).status_code == 200  # the answer may have been lost: old still good
    again = HTTP.post(f"{central.url}/v1/rotate", headers=bearer(old)).json()["credential"]
    assert HTTP.post(f"{central.url}/v1/pull", json={"cursors": {}}, headers=bearer(new)).status_code == 401
    assert HTTP.post(f"{central.url}/v1/pull", json={"cursors": {}}, headers=bearer(again)).status_code == 200
    refused = HTTP.post(f"{central.url}/v1/pull", json={"cursors": {}}, headers=bearer(old))
    assert refused.status_code == 401 and "请重新注册" in refused.json()["detail"]
    assert HTTP.post(f"{central.url}/v1/rotate").status_code == 401


@pytest.mark.parametrize("argv", [["serve", "--lookups-per-minute", "0"], ["serve", "--credential-days", "0"]])
def test_serve_refuses_limits_that_make_no_sense(argv: list[str], tmp_path: Path) -> None:
    """issue 14.5: the limits are configurable, within reason."""
    result = central_cli(f"sqlite:///{tmp_path / 'c.db'}", *argv, "--port", "1")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
