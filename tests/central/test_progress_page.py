"""The applicant's progress page (issue 19.1–19.3), opened in a real headless browser (Debian's chromium)
at phone size, for each state a case can be in: the timeline, what to do next, the masked name, the
amount once approved, and nothing else personal.  The lookup code travels in the URL's fragment, which
never reaches the server's log.

``ZHANCHI_SCREENSHOTS=DIR`` keeps the 360×640 screenshots (the README shows them: docs/screenshots).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from central_harness import HTTP, CentralServer, case_payload, enrol, issue_token, person_id, push, push_item

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PUBLIC_URL = "https://zhanchi.gd.example.gov.cn"
_rng = random.Random(19)


def _new_id() -> str:
    return person_id(_rng, "440106")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("progress")
    central = CentralServer(f"sqlite:///{folder / 'central.db'}", folder / "server.log", public_url=PUBLIC_URL,
                            log_level="info")  # with the access log: the code must not be in it
    yield central
    central.stop()


@pytest.fixture(scope="module")
def credential(server: CentralServer) -> str:
    return enrol(server.url, server.db_url, "440100")[1]


def _case(server: CentralServer, credential: str, state: str, **extra: Any) -> dict[str, Any]:
    """A case pushed as a counter would: a paid or failed payment after its export in a batch."""
    payload = case_payload("440100", id_number=_new_id(), state=state, lookup_code="K7P2QX", name="王小明") \
        | {"amount_yuan": 1500, "policy_id": "cn-2017", "phone": "13800138000"} | extra
    items = [push_item(payload)]
    if state in ("paid", "payment_failed"):
        batch = f"FF-{uuid.uuid4().hex[:8]}"
        items = [push_item(payload | {"state": "approved", "version": 1,
                                      "event": {"batch_no": batch, "amount_yuan": 1500}}, op="case.payment_exported"),
                 push_item(payload | {"version": 2, "event": {"payment_batch": batch, "amount_yuan": 1500}})]
    answer = push(server.url, credential, items)
    assert answer.status_code == 200 and {r["status"] for r in answer.json()["results"]} == {"applied"}, answer.text
    return payload


def _browse(url: str, tmp_path: Path, name: str) -> str:
    """The page as a phone shows it: the DOM after its script ran, and a 360×640 screenshot."""
    if CHROMIUM is None:
        pytest.fail("chromium is not installed: ./dev.sh installs the Debian package chromium")
    # The browser stands for the applicant's phone: not under the test run's faked clock.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LD_PRELOAD", "FAKETIME"))}
    common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              f"--user-data-dir={tmp_path / 'profile'}", "--window-size=360,640", "--hide-scrollbars",
              "--virtual-time-budget=10000"]
    shot = tmp_path / f"progress-{name}.png"
    dom = subprocess.run([*common, "--dump-dom", url], capture_output=True, text=True, timeout=120, env=env)
    assert dom.returncode == 0, dom.stderr[-2000:]
    taken = subprocess.run([*common, f"--screenshot={shot}", url], capture_output=True, text=True, timeout=120,
                           env=env)
    assert taken.returncode == 0 and shot.stat().st_size > 5000, taken.stderr[-2000:]
    keep = os.environ.get("ZHANCHI_SCREENSHOTS")
    if keep:
        shutil.copyfile(shot, Path(keep) / shot.name)
    return dom.stdout


def _visible_text(dom: str) -> str:
    """The text of what is shown: hidden elements and the script left out."""
    body = dom[dom.index("<main>"):dom.index("</main>")]
    body = re.sub(r"<(\w+)[^>]*\shidden(=\"\")?[^>]*>.*?</\1>", "", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _steps(dom: str) -> list[str]:
    return re.findall(r'<li class="(\w+)"[^>]*>([^<]+)</li>', dom[dom.index('id="steps"'):])


@pytest.mark.parametrize(("state", "extra", "shown", "steps"), [
    ("draft", {"materials": {"received": [], "missing": ["id_card", "contribution_record"]}},
     ["待补正", "带齐下列材料", "居民身份证"], ["current", "todo", "todo", "todo", "todo"]),
    ("accepted", {}, ["已受理", "5个工作日"], ["done", "current", "todo", "todo", "todo"]),
    ("publicized", {}, ["公示中", "不少于5个工作日"], ["done", "done", "current", "todo", "todo"]),
    ("approved", {}, ["已批准", "1,500", "直接发放到您本人"], ["done", "done", "done", "done", "current"]),
    ("paid", {}, ["已发放", "1,500", "请查收"], ["done", "done", "done", "done", "done"]),
    ("payment_failed", {}, ["更换收款账户", "发放：未成功"], ["done", "done", "done", "done", "stopped"]),
    ("rejected", {}, ["审核：不予核发", "行政复议", "六十日", "六个月"], ["done", "stopped", "todo", "todo", "todo"]),
])
def test_each_state_shows_its_timeline_and_next_step(server: CentralServer, credential: str, tmp_path: Path,
                                                       state: str, extra: dict[str, Any], shown: list[str],
                                                       steps: list[str]) -> None:
    case = _case(server, credential, state, **extra)
    dom = _browse(f"{server.url}/p/{case['case_no']}#K7P2QX", tmp_path, state)
    text = _visible_text(dom)
    for words in ["王*明", case["case_no"], *shown]:
        assert words in text, (words, text)
    assert [status for status, _ in _steps(dom)] == steps
    for secret in ("王小明", case["id_number"], "6222020200112233445", "13800138000", "contribution_record",
                   "参保缴费记录"):
        assert secret not in text
    if state not in ("approved", "paid", "payment_failed"):
        assert "补贴金额" not in text


def test_a_wrong_or_missing_code_asks_for_the_one_on_the_receipt(server: CentralServer, credential: str,
                                                                 tmp_path: Path) -> None:
    case = _case(server, credential, "accepted")
    wrong = _visible_text(_browse(f"{server.url}/p/{case['case_no']}#WRONG1", tmp_path, "wrong-code"))
    assert "受理编号与查询码不符" in wrong and "查询码（印在受理回执上）" in wrong and "王*明" not in wrong
    bare = _visible_text(_browse(f"{server.url}/p/{case['case_no']}", tmp_path, "no-code"))
    assert "请输入受理回执上的查询码" in bare and "当前状态" not in bare


def test_the_page_stands_alone_and_the_code_stays_out_of_the_log(server: CentralServer, credential: str,
                                                                 tmp_path: Path) -> None:
    case = _case(server, credential, "accepted")
    _browse(f"{server.url}/p/{case['case_no']}#K7P2QX", tmp_path, "log")
    page = HTTP.get(f"{server.url}/p/{case['case_no']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'lang="zh-CN"' in page.text and '<meta name="viewport"' in page.text
    assert not re.search(r"(src|href)=\"?(https?:)?//", page.text)  # nothing from elsewhere
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy and "connect-src 'self'" in policy
    assert page.headers["referrer-policy"] == "no-referrer"
    log = server.log_path.read_text(encoding="utf-8")
    assert '"route": "/p/{case_no}"' in log and "K7P2QX" not in log


def test_counters_learn_the_public_address(server: CentralServer) -> None:
    body = HTTP.post(f"{server.url}/v1/enrol", json={
        "token": issue_token(server.db_url, "440100"), "office_code": "440100", "device_name": "窗口9"}).json()
    assert body["public_url"] == PUBLIC_URL
