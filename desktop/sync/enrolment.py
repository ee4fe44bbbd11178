"""Registering a data folder's device with the central system (``zhanchi register``, the benchmark).

An enrolment token from the central administrator is spent for a device credential, kept owner-only
in the data folder (``credentials``) with the address and how to reach it (a custom CA, or plain
http agreed to explicitly); the central system's public address comes back for the receipts' QR
link (issue 19.1).  Registering with another central system forgets the pull cursors: its change
sequences have nothing to do with the old ones.
"""

from __future__ import annotations

from sqlalchemy import delete

from desktop.models.progress_link import META_PUBLIC_URL
from desktop.models.schema import Meta
from desktop.models.store import Store, set_meta
from desktop.sync.client import CentralClient
from desktop.sync.credentials import DeviceCredential, load_device, save_device
from desktop.sync.engine import META_CURSOR_PREFIX

REGISTER_TIMEOUT = 15.0  # seconds: a person is waiting at the terminal


def register(store: Store, central: str, token: str, device_name: str, *, insecure: bool = False,
             ca_bundle: str = "", timeout: float = REGISTER_TIMEOUT) -> DeviceCredential:
    """Enrol ``store``'s device under its office and keep the credential.  Raises the client's errors
    (``CentralRefused`` for a bad token or office, ``CentralUnreachable``, ``ProtocolError``); nothing is
    kept when the central system did not answer with a credential."""
    with CentralClient(central, timeout=timeout, insecure=insecure, ca_bundle=ca_bundle) as client:
        answer = client.enrol(token, store.office_code, device_name, store.device_id)
    previous = load_device(store.data_dir)
    device = DeviceCredential(
        central_url=central,
        device_id=answer.device_id,
        device_name=device_name,
        office_code=answer.office_code,
        registered_at=store.clock.now().isoformat(timespec="seconds"),
        credential=answer.credential,
        insecure=insecure,
        ca_bundle=ca_bundle,
    )
    save_device(store.data_dir, device)
    with store.session() as session:
        set_meta(session, META_PUBLIC_URL, answer.public_url)
        if previous is None or previous.central_url != central:
            session.execute(delete(Meta).where(Meta.key.like(META_CURSOR_PREFIX + "%")))
    return device
