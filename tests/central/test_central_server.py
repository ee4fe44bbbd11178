"""The reference central system over HTTP, on SQLite and on PostgreSQL (see conftest)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from central_harness import (
    HTTP,
    CentralServer,
    bearer,
    case_payload,
    central_cli,
    central_rows,
    enrol,
    import_registry,
    issue_token,
    person_id,
    pull,
    push,
    push_item,
    stats,
)

_rng = random.Random(5)


def new_id(region: str = "440106") -> str:
    return person_id(_rng, region)


def test_health_and_openapi(central: CentralServer) -> None:
    assert HTTP.get(f"{central.url}/healthz").json() == {"status": "ok", "protocol": 1}
    spec = HTTP.get(f"{central.url}/openapi.json").json()
    for path in ("/v1/enrol", "/v1/push", "/v1/pull", "/v1/registry/person", "/v1/progress", "/v1/stats"):
        assert path in spec["paths"], path
    assert "PushBatch" in spec["components"]["schemas"]


def test_enrolment_token_is_one_time_office_bound_and_revocable(central: CentralServer) -> None:
    result = central_cli(central.db_url, "issue-token", "--office", "440100")
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert len(token.splitlines()) == 1 and len(token) >= 20

    def enrol_with(token: str, office: str = "440100") -> httpx.Response:
        return HTTP.post(f"{central.url}/v1/enrol",
                          json={"token": token, "office_code": office, "device_name": "窗口1"})

    assert enrol_with(token, "440300").status_code == 403  # another office's token: refused, not spent
    first = enrol_with(token.lower())  # typed in lower case: still the token
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["office_code"] == "440100" and body["region"] == "4401" and body["credential"]
    assert enrol_with(token).status_code == 401  # one-time
    assert enrol_with("NOT-A-TOKEN").status_code == 401

    revoked = issue_token(central.db_url, "440100")
    result = central_cli(central.db_url, "revoke-token", revoked)
    assert result.returncode == 0, result.stderr
    assert enrol_with(revoked).status_code == 401

    # Only a hash of the credential is kept.
    hashes = central_rows(central.db_url, "SELECT credential_hash FROM devices WHERE id = :id", id=body["device_id"])
    assert hashes and body["credential"] not in hashes[0][0]


def test_requests_without_a_valid_credential_are_refused(central: CentralServer) -> None:
    device_id, credential = enrol(central.url, central.db_url, "440100")
    calls = [("POST", "/v1/push", {"items": []}), ("POST", "/v1/pull", {"cursors": {}}),
             ("POST", "/v1/registry/person", {"id_number": new_id()}), ("GET", "/v1/stats", None)]
    for method, path, body in calls:
        for headers in ({}, bearer("zc1.forged"), {"Authorization": "Basic eDp5"}):
            response = HTTP.request(method, f"{central.url}{path}", json=body, headers=headers)
            assert response.status_code == 401, (path, headers, response.text)
        assert HTTP.request(method, f"{central.url}{path}", json=body, headers=bearer(credential)).status_code == 200

    result = central_cli(central.db_url, "revoke-device", device_id)
    assert result.returncode == 0, result.stderr
    response = push(central.url, credential, [])
    assert response.status_code == 401
    assert central_cli(central.db_url, "revoke-device", device_id).returncode == 2  # already revoked


def test_each_change_is_applied_exactly_once(central: CentralServer) -> None:
    _, credential = enrol(central.url, central.db_url, "440100")
    before = stats(central.db_url)
    payloads = [case_payload("440100", id_number=new_id()) for _ in range(30)]
    items = [push_item(p) for p in payloads]
    first = push(central.url, credential, items)
    assert first.status_code == 200, first.text
    assert [r["status"] for r in first.json()["results"]] == ["applied"] * 30
    again = push(central.url, credential, items)  # the same batch twice
    assert [r["status"] for r in again.json()["results"]] == ["already_applied"] * 30
    # A batch mixing old and new changes, and a key repeated inside one batch.
    newer = push_item({**payloads[0], "state": "under_review", "version": 2})
    mixed = push(central.url, credential, [items[0], newer, newer])
    assert [r["status"] for r in mixed.json()["results"]] == ["already_applied", "applied", "already_applied"]
    after = stats(central.db_url)
    assert after["cases"] - before["cases"] == 30
    assert after["ledger"] - before["ledger"] == 30
    ids = [p["id"] for p in payloads]
    rows = central_rows(central.db_url, "SELECT COUNT(*) FROM changes WHERE entity_id = :id", id=ids[0])
    assert rows == [(2,)]
    state = central_rows(central.db_url, "SELECT state, version FROM cases WHERE id = :id", id=ids[0])
    assert state == [("under_review", 2)]
    # An older record arriving late never overwrites a newer one.
    stale = push_item({**payloads[0], "state": "accepted", "version": 1})
    assert push(central.url, credential, [stale]).json()["results"][0]["status"] == "applied"
    assert central_rows(central.db_url, "SELECT state FROM cases WHERE id = :id", id=ids[0]) == [("under_review",)]


def test_the_case_is_kept_as_the_office_sent_it_but_for_account_phone_and_lookup_code(
        central: CentralServer) -> None:
    """Issue 20.4: what the central system does not need is reduced (test_central_keeps_little)."""
    _, credential = enrol(central.url, central.db_url, "440100")
    payload = case_payload("440100", id_number=new_id()) | {"decision_note": "原样保存", "materials": {"a": [1]}}
    assert push(central.url, credential, [push_item(payload)]).status_code == 200
    stored = central_rows(central.db_url, "SELECT payload_json FROM cases WHERE id = :id", id=payload["id"])
    expected = {k: v for k, v in payload.items() if k != "lookup_code"} | {"payment_account": "6222***********3445"}
    assert json.loads(stored[0][0]) == expected


def test_another_offices_case_is_refused_with_403_and_nothing_applied(central: CentralServer) -> None:
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    _, shenzhen = enrol(central.url, central.db_url, "440300")
    theirs = case_payload("440100", id_number=new_id())
    assert push(central.url, guangzhou, [push_item(theirs)]).status_code == 200
    before = stats(central.db_url)

    mine = push_item(case_payload("440300", id_number=new_id()))
    forged = push_item(case_payload("440100", id_number=new_id()))  # claims another office
    response = push(central.url, shenzhen, [mine, forged])
    assert response.status_code == 403
    assert response.json()["refused"] == [forged["idempotency_key"]]
    # Taking over an existing case of another office, under one's own office code:
    takeover = push_item({**theirs, "office_code": "440300", "version": 2, "state": "withdrawn"})
    assert push(central.url, shenzhen, [takeover]).status_code == 403
    document = push_item({"case_id": theirs["id"], "kind": "receipt"}, entity="document", op="document.receipt")
    assert push(central.url, shenzhen, [document]).status_code == 403
    assert stats(central.db_url) == before  # nothing of the refused batches applied
    assert central_rows(central.db_url, "SELECT state FROM cases WHERE id = :id", id=theirs["id"]) == [("accepted",)]


def test_unusable_changes_are_rejected_with_a_reason(central: CentralServer) -> None:
    _, credential = enrol(central.url, central.db_url, "440100")
    good = case_payload("440100", id_number=new_id())
    clash = case_payload("440100", id_number=new_id(), case_no=good["case_no"])  # another case, same number
    broken = {k: v for k, v in case_payload("440100", id_number=new_id()).items() if k != "case_no"}
    items = [
        push_item(good),
        push_item({"case_id": good["id"], "kind": "receipt"}, entity="document", op="document.receipt"),
        push_item(clash),
        push_item(broken),
        push_item({"case_id": "no-such-case", "kind": "receipt"}, entity="document", op="document.receipt"),
        push_item({"id": "x"}, entity="staff", op="staff.created"),
    ]
    items[-1]["entity_id"] = "x"
    results = push(central.url, credential, items).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected", "rejected", "rejected"]
    assert all(r["reason"] for r in results[2:])
    assert "case_no" in results[3]["reason"]
    # A rejected change is not remembered: sent again, it is judged again.
    assert push(central.url, credential, [items[2]]).json()["results"][0]["status"] == "rejected"


def test_duplicate_claim_is_flagged_on_both_offices_cases_once(central: CentralServer) -> None:
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    _, shenzhen = enrol(central.url, central.db_url, "440300")
    person = new_id()
    before = stats(central.db_url)
    cursors_gz = pull(central.url, guangzhou)["cursors"]
    cursors_sz = pull(central.url, shenzhen)["cursors"]

    case_gz = case_payload("440100", id_number=person)
    case_sz = case_payload("440300", id_number=person)
    other_level = case_payload("440300", id_number=person, level=3)
    assert push(central.url, guangzhou, [push_item(case_gz)]).status_code == 200
    batch = [push_item(case_sz), push_item(other_level)]
    assert push(central.url, shenzhen, batch).status_code == 200
    assert push(central.url, shenzhen, batch).status_code == 200  # again: already applied, not flagged again
    after = stats(central.db_url)
    assert after["duplicates_flagged"] - before["duplicates_flagged"] == 1

    def duplicates(credential: str, cursors: dict[str, int]) -> list[dict]:
        notes = pull(central.url, credential, cursors)["annotations"]
        return [n for n in notes if n["kind"] == "duplicate"]

    gz_notes, sz_notes = duplicates(guangzhou, cursors_gz), duplicates(shenzhen, cursors_sz)
    assert [n["case_id"] for n in gz_notes] == [case_gz["id"]]
    assert [n["case_id"] for n in sz_notes] == [case_sz["id"]]
    assert gz_notes[0]["details"]["other_case_no"] == case_sz["case_no"]
    assert sz_notes[0]["details"]["other_office_code"] == "440100"
    assert "重复申领" in gz_notes[0]["message"]


def test_withdrawn_case_leaves_the_ledger(central: CentralServer) -> None:
    _, credential = enrol(central.url, central.db_url, "440100")
    cursors = pull(central.url, credential)["cursors"]
    payload = case_payload("440100", id_number=new_id())
    before = stats(central.db_url)["ledger"]
    push(central.url, credential, [push_item(payload)])
    assert stats(central.db_url)["ledger"] == before + 1
    push(central.url, credential, [push_item({**payload, "state": "withdrawn", "version": 2})])
    assert stats(central.db_url)["ledger"] == before
    entries = [e for e in pull(central.url, credential, cursors)["ledger"] if e["case_id"] == payload["id"]]
    assert [e["active"] for e in entries] == [False]  # only the latest state travels


def write_insured(path: Path, rows: list[tuple[str, str, str, int]]) -> Path:
    lines = ["id_number,name,employer_uscc,employer_name,insured_region,contribution_months,phone,"
             "receiving_unemployment_benefit"]
    lines += [f"{i},{name},,某公司,{region},{months},,false" for i, name, region, months in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_certificates(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["number,id_number,kind,level,occupation_code,occupation_name,issue_date,issuer"]
    lines += [f"{number},{id_number},skill_level,4,6-18-01-01,车工,2017-06-01,鉴定中心" for number, id_number in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_pull_sends_the_offices_region_only_and_only_changes(central: CentralServer, tmp_path: Path) -> None:
    _, guangzhou = enrol(central.url, central.db_url, "440100")
    _, shenzhen = enrol(central.url, central.db_url, "440300")
    start_gz, start_sz = pull(central.url, guangzhou)["cursors"], pull(central.url, shenzhen)["cursors"]
    gz_people = [new_id("440106") for _ in range(25)]
    sz_person = new_id("440305")
    rows = [(i, "广州人", "440106", 40) for i in gz_people] + [(sz_person, "深圳人", "440305", 50)]
    insured = write_insured(tmp_path / "insured.csv", rows)
    result = central_cli(central.db_url, "import", "insured", str(insured))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["inserted"] == 26
    certs = write_certificates(tmp_path / "certs.csv", [(f"S0001440001231740{n:05d}", i)
                                                       for n, i in enumerate([*gz_people[:3], sz_person])])
    assert import_registry(central.db_url, "certificates", certs)["inserted"] == 4

    # Paged: 10 rows at a time, "more" until everything of the region arrived.
    seen: list[list] = []
    seen_certs: list[list] = []
    cursors, pages = dict(start_gz), 0
    while True:
        page = pull(central.url, guangzhou, cursors, limit=10)
        seen += page["insured"]
        seen_certs += page["certificates"]
        cursors, pages = page["cursors"], pages + 1
        if not page["more"]:
            break
    assert pages == 3 and sorted(r[0] for r in seen) == sorted(gz_people)
    assert sorted(c[1] for c in seen_certs) == sorted(gz_people[:3])
    sz = pull(central.url, shenzhen, start_sz)
    assert [r[0] for r in sz["insured"]] == [sz_person] and [c[1] for c in sz["certificates"]] == [sz_person]
    assert sz["insured"][0][5] == 50 and sz["certificates"][0][6] == "2017-06-01"

    # Nothing changed: nothing travels, even after importing the same file again.
    assert import_registry(central.db_url, "insured", insured)["unchanged"] == 26
    quiet = pull(central.url, guangzhou, cursors)
    assert quiet["insured"] == [] and quiet["certificates"] == [] and quiet["more"] is False
    # One person changed: only that row travels.
    rows[0] = (gz_people[0], "广州人", "440106", 41)
    assert import_registry(central.db_url, "insured", write_insured(tmp_path / "i2.csv", rows))["updated"] == 1
    changed = pull(central.url, guangzhou, cursors)
    assert [(r[0], r[5]) for r in changed["insured"]] == [(gz_people[0], 41)]
    # A person moving to Shenzhen takes their certificates along.
    rows[1] = (gz_people[1], "广州人", "440305", 40)
    moved = write_insured(tmp_path / "i3.csv", rows)
    assert import_registry(central.db_url, "insured", moved)["moved_certificates"] == 1
    sz_later = pull(central.url, shenzhen, sz["cursors"])
    assert [c[1] for c in sz_later["certificates"]] == [gz_people[1]]


def test_import_refuses_a_bad_file_with_one_line(central: CentralServer, tmp_path: Path) -> None:
    bad = write_insured(tmp_path / "bad.csv", [(new_id(), "某人", "440106", 40), ("123", "错号", "440106", 40)])
    result = central_cli(central.db_url, "import", "insured", str(bad))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("FILE:") and "Traceback" not in result.stderr
    result = central_cli(central.db_url, "import", "insured", str(bad), "--valid-only")
    assert result.returncode == 0 and json.loads(result.stdout)["inserted"] == 1


def test_online_verification_answers_from_the_central_registries(central: CentralServer, tmp_path: Path) -> None:
    # Within the office's pooling area (outside it only where the person is insured: issue 14.5,
    # test_central_hardening).
    _, credential = enrol(central.url, central.db_url, "440100")
    person = new_id("440106")
    import_registry(central.db_url, "insured", write_insured(tmp_path / "i.csv", [(person, "李四", "440106", 77)]))
    answer = HTTP.post(f"{central.url}/v1/registry/person", json={"id_number": person}, headers=bearer(credential))
    assert answer.status_code == 200
    body = answer.json()
    assert body["person"][0] == person and body["person"][5] == 77 and body["person_updated_at"]
    unknown = HTTP.post(f"{central.url}/v1/registry/person", json={"id_number": new_id()},
                         headers=bearer(credential)).json()
    assert unknown["person"] is None and unknown["certificates"] == []


def test_progress_lookup_needs_case_number_and_lookup_code(central: CentralServer) -> None:
    _, credential = enrol(central.url, central.db_url, "440100")
    cursors = pull(central.url, credential)["cursors"]
    payload = case_payload("440100", id_number=new_id(), lookup_code="K7P2QX", name="王小明")
    push(central.url, credential, [push_item(payload)])
    url = f"{central.url}/v1/progress"

    found = HTTP.post(url, json={"case_no": payload["case_no"], "lookup_code": "k7p2qx"})
    assert found.status_code == 200
    body = found.json()
    assert body["state"] == "accepted" and body["state_label"] == "已受理" and body["applicant"] == "王*明"
    text = found.text
    for secret in (payload["id_number"], "王小明", payload["payment_account"], payload["id"]):
        assert secret not in text
    assert HTTP.post(url, json={"case_no": payload["case_no"], "lookup_code": "WRONG1"}).status_code == 404
    assert HTTP.post(url, json={"case_no": payload["case_no"]}).status_code == 422
    assert HTTP.post(url, json={"lookup_code": "K7P2QX"}).status_code == 422
    assert HTTP.post(url, json={"case_no": payload["case_no"], "lookup_code": ""}).status_code == 422
    # The office sees that the applicant looked (once a day).
    HTTP.post(url, json={"case_no": payload["case_no"], "lookup_code": "K7P2QX"})
    notes = [n for n in pull(central.url, credential, cursors)["annotations"] if n["kind"] == "status"]
    assert [n["case_id"] for n in notes] == [payload["id"]]
    # Guessing codes is cut off after a few tries.
    other = case_payload("440100", id_number=new_id(), lookup_code="ZZZZZZ")
    push(central.url, credential, [push_item(other)])
    codes = [HTTP.post(url, json={"case_no": other["case_no"], "lookup_code": f"GUESS{i}"}).status_code
             for i in range(11)]
    assert codes[:10] == [404] * 10 and codes[10] == 429
    assert HTTP.post(url, json={"case_no": other["case_no"], "lookup_code": "ZZZZZZ"}).status_code == 429


def test_published_policy_file_reaches_every_office(central: CentralServer, tmp_path: Path) -> None:
    _, credential = enrol(central.url, central.db_url, "440100")
    cursors = pull(central.url, credential)["cursors"]
    source = Path(__file__).resolve().parents[2] / "resources" / "policies" / "regions" / "gd-2023.toml"
    text = source.read_text(encoding="utf-8")
    copy = tmp_path / "gd-2099-test.toml"
    copy.write_text(text.replace('id = "gd-2023"', 'id = "gd-2099-test"'), encoding="utf-8")
    result = central_cli(central.db_url, "publish", "policies", str(copy))
    assert result.returncode == 0, result.stderr
    files = pull(central.url, credential, cursors)["reference"]
    assert [f["path"] for f in files] == ["policies/gd-2099-test.toml"]
    # A file that would break every counter's verifier (an id clash) is refused.
    clash = tmp_path / "clash.toml"
    clash.write_text(text, encoding="utf-8")
    result = central_cli(central.db_url, "publish", "policies", str(clash))
    assert result.returncode == 2 and "gd-2023" in result.stderr


def test_stats_command(central: CentralServer) -> None:
    result = central_cli(central.db_url, "stats")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"cases", "devices", "ledger", "duplicates_flagged"}
    assert data == stats(central.db_url)


def test_default_database_is_an_owner_only_sqlite_file_here(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ZHANCHI_CENTRAL_DB"}
    result = subprocess.run([sys.executable, "-m", "central", "stats"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"cases": 0, "devices": 0, "ledger": 0, "duplicates_flagged": 0}
    assert (tmp_path / "central.db").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("argv", [["issue-token"], ["issue-token", "--office", "44010"], ["import", "people", "x"]])
def test_bad_arguments_exit_2_with_one_line(argv: list[str], tmp_path: Path) -> None:
    result = central_cli(f"sqlite:///{tmp_path / 'c.db'}", *argv)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
