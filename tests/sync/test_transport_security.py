"""On the wire (issue 20.3): a central system on another computer is reached only over https:// with its
certificate verified (a province's private CA given with ``--ca-bundle``); plain http:// only to this
computer, or with an explicit ``--insecure`` that is logged.  Tested against the real central server
serving TLS with a certificate the test makes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from central_harness import ROOT, CentralServer, issue_token

from desktop.models.errors import InvalidInput
from desktop.sync.client import CentralClient, check_central_url
from desktop.sync.credentials import DeviceCredential, device_path, load_device, save_device


def _zhanchi(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=ROOT)


def _register(data_dir: Path, central: str, token: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return _zhanchi(data_dir, "register", "--central", central, "--office", "440100", "--device", "窗口1",
                    "--token", token, *extra)


@pytest.fixture(scope="module")
def tls_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CentralServer, Path]]:
    """The real central server over https://localhost, its certificate signed by a CA made here."""
    folder = tmp_path_factory.mktemp("tls-central")
    ca = trustme.CA(organization_name="省人社厅测试CA")
    server_cert = ca.issue_cert("localhost", "127.0.0.1")
    chain, key, bundle = folder / "server.pem", folder / "server.key", folder / "ca.pem"
    server_cert.private_key_pem.write_to_path(str(key))
    chain.write_bytes(b"".join(blob.bytes() for blob in server_cert.cert_chain_pems))
    ca.cert_pem.write_to_path(str(bundle))
    server = CentralServer(f"sqlite:///{folder / 'central.db'}", folder / "central.log", tls=(chain, key, bundle))
    yield server, bundle
    server.stop()


@pytest.mark.parametrize("url", ["http://192.0.2.10:8700", "http://zhanchi.example.gov.cn",
                                 "http://10.1.2.3", "http://[2001:db8::1]:8700"])
def test_plain_http_to_another_computer_is_refused_before_anything_is_sent(tmp_path: Path, url: str) -> None:
    result = _register(tmp_path / "counter", url, "any-token")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("--central:") and "https://" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not device_path(tmp_path / "counter").exists()


@pytest.mark.parametrize("url", ["http://127.0.0.1:8700", "http://localhost:8700", "http://[::1]:8700",
                                 "http://127.0.0.2:8700", "https://zhanchi.example.gov.cn"])
def test_loopback_http_and_any_https_address_are_accepted(url: str) -> None:
    assert check_central_url(url) == url


def test_insecure_is_an_explicit_choice_kept_with_the_device() -> None:
    with pytest.raises(InvalidInput) as refused:
        CentralClient("http://10.1.2.3:8700")
    assert refused.value.field == "central_url"
    CentralClient("http://10.1.2.3:8700", insecure=True).close()


def test_insecure_registration_is_said_and_logged(tmp_path: Path) -> None:
    """``--insecure`` lets the address through (here nothing listens there: the registration then fails
    to connect), and says so on the terminal and in the data folder's log."""
    data_dir = tmp_path / "counter"
    result = _register(data_dir, "http://192.0.2.10:9", "any-token", "--insecure")
    assert "明文 http://" in result.stderr and "Traceback" not in result.stderr
    log = (data_dir / "logs" / "zhanchi.log").read_text(encoding="utf-8")
    assert "register --insecure" in log and "192.0.2.10" in log
    assert result.returncode == 1 and "无法连接中心系统" in result.stderr and not device_path(data_dir).exists()


def test_https_with_the_provinces_ca_registers_and_syncs(tls_central: tuple[CentralServer, Path],
                                                          tmp_path: Path) -> None:
    server, bundle = tls_central
    data_dir = tmp_path / "counter"
    result = _register(data_dir, server.url, issue_token(server.db_url, "440100"), "--ca-bundle", str(bundle))
    assert result.returncode == 0, result.stderr
    device = load_device(data_dir)
    assert device is not None and device.ca_bundle == str(bundle.resolve()) and device.insecure is False
    assert json.loads(result.stdout)["central_url"] == server.url
    synced = _zhanchi(data_dir, "sync")
    assert synced.returncode == 0, synced.stderr


def test_an_untrusted_certificate_is_refused_in_words(tls_central: tuple[CentralServer, Path],
                                                      tmp_path: Path) -> None:
    server, _bundle = tls_central
    result = _register(tmp_path / "counter", server.url, issue_token(server.db_url, "440100"))
    assert result.returncode == 1 and result.stdout == ""
    assert "证书无法验证" in result.stderr and "--ca-bundle" in result.stderr and "Traceback" not in result.stderr


def test_a_ca_bundle_that_is_not_a_certificate_is_bad_input(tmp_path: Path) -> None:
    junk = tmp_path / "ca.pem"
    junk.write_text("not a certificate", encoding="utf-8")
    result = _register(tmp_path / "counter", "https://zhanchi.example.gov.cn", "t", "--ca-bundle", str(junk))
    assert result.returncode == 2 and result.stderr.startswith("--ca-bundle:")


def test_a_device_file_from_before_these_settings_still_loads(tmp_path: Path) -> None:
    save_device(tmp_path, DeviceCredential(central_url="http://127.0.0.1:8700", device_id="d", device_name="n",
                                           office_code="440100", registered_at="2026-01-01", credential="c"))
    data = json.loads(device_path(tmp_path).read_text(encoding="utf-8"))
    for key in ("insecure", "ca_bundle", "rotated_at"):
        data.pop(key)
    device_path(tmp_path).write_text(json.dumps(data), encoding="utf-8")
    device = load_device(tmp_path)
    assert device is not None and device.insecure is False and device.ca_bundle == ""
