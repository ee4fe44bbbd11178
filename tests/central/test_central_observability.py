"""What operators watch (issue 19.5): a JSON line per request (route templates, never values or bodies)
and Prometheus metrics for clients on this computer only."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
from central_harness import HTTP, CentralServer, bearer, enrol


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    folder = tmp_path_factory.mktemp("observed")
    central = CentralServer(f"sqlite:///{folder / 'central.db'}", folder / "server.log", log_level="info")
    yield central
    central.stop()


def test_each_request_is_one_json_line_without_values(server: CentralServer) -> None:
    _, credential = enrol(server.url, server.db_url, "440100")
    HTTP.post(f"{server.url}/v1/pull", json={"cursors": {}}, headers=bearer(credential))
    HTTP.post(f"{server.url}/v1/progress", json={"case_no": "440100-X-20261127-0001", "lookup_code": "SECRET1"})
    time.sleep(0.3)
    lines = [json.loads(line) for line in server.log_path.read_text(encoding="utf-8").splitlines()
             if line.startswith("{")]
    requests = [line for line in lines if line.get("logger") == "central.access"]
    routes = {(r["method"], r["route"], r["status"]) for r in requests}
    assert ("POST", "/v1/pull", 200) in routes and ("POST", "/v1/progress", 404) in routes
    assert all({"ts", "worker", "ms", "client"} <= set(r) for r in requests)
    text = server.log_path.read_text(encoding="utf-8")
    assert "SECRET1" not in text and credential not in text and "440100-X-20261127-0001" not in text


def test_metrics_for_this_computer_only(server: CentralServer) -> None:
    HTTP.get(f"{server.url}/healthz")
    metrics = HTTP.get(f"{server.url}/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    assert 'zhanchi_requests_total{worker="' in metrics.text and 'route="/healthz"' in metrics.text
    assert "zhanchi_devices " in metrics.text and "zhanchi_request_seconds_bucket{" in metrics.text
    # A client elsewhere, as the reverse proxy on this computer forwards it:
    outside = HTTP.get(f"{server.url}/metrics", headers={"X-Forwarded-For": "203.0.113.5"})
    assert outside.status_code == 404


def test_settings_come_from_the_environment() -> None:
    from central.settings import SettingError, from_environment

    settings = from_environment({"ZHANCHI_CENTRAL_DB": "sqlite:///x.db", "ZHANCHI_CENTRAL_PUBLIC_URL":
                                 "https://zhanchi.example.gov.cn", "ZHANCHI_CENTRAL_LOOKUPS_PER_MINUTE": "30"})
    assert settings.db_url == "sqlite:///x.db" and settings.lookups_per_minute == 30 and not settings.api_docs
    assert from_environment(settings.environment()) == settings
    for bad in ({"ZHANCHI_CENTRAL_LOOKUPS_PER_MINUTE": "many"}, {"ZHANCHI_CENTRAL_PUBLIC_URL": "http://10.0.0.1"}):
        with pytest.raises(SettingError):
            from_environment(bad)
