"""Regional overlays written by a test (issue 15.1).

The shipped overlays (resources/policies/regions) are unconfirmed, so they change no amount and no verdict.
A test that needs a local rule in force writes a *confirmed* overlay, with its full provenance, into a data
folder's ``policies/`` — as an administrator loads one — and loads the verifier from that folder.  The
document numbers and issuing bodies below are test data, not real documents.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.models.reference import resource_dir
from desktop.models.rules import Verifier

REGIONS = resource_dir() / "policies" / "regions"

TEST_DOCUMENT = "测试人社发〔2023〕1号"
TEST_ISSUER = "测试市人力资源和社会保障局"
TEST_DATE = dt.date(2023, 3, 1)


def source(table: str = "source", *, status: str = "confirmed", document: str = TEST_DOCUMENT,
           issuer: str = TEST_ISSUER, date: dt.date | None = TEST_DATE, note: str = "") -> str:
    """A ``[source]`` (or ``[sources.<item>]``) table; an empty field is left out."""
    lines = [f"[{table}]", f'status = "{status}"']
    lines += [f'{key} = "{value}"' for key, value in (("document", document), ("issuer", issuer), ("note", note))
              if value]
    if date is not None:
        lines.append(f"date = {date.isoformat()}")
    return "\n".join(lines) + "\n"


def overlay(overlay_id: str, region: str, body: str, *, valid_from: str, valid_to: str | None = None,
            applies_to: tuple[str, ...] = (), title: str = "", sources: str | None = None) -> str:
    """A regional overlay file: ``body`` holds the values (top-level keys first, then tables); ``sources``
    defaults to one confirmed ``[source]`` for the whole file."""
    head = [f'id = "{overlay_id}"', 'kind = "regional"', f'title = "{title or "测试用地方标准 " + overlay_id}"',
            f'region = "{region}"', f"valid_from = {valid_from}"]
    if valid_to:
        head.append(f"valid_to = {valid_to}")
    if applies_to:
        head.append("applies_to = [" + ", ".join(f'"{p}"' for p in applies_to) + "]")
    return "\n".join(head) + "\n" + body.strip() + "\n\n" + (source() if sources is None else sources)


def confirmed_copy(shipped: str, new_id: str) -> str:
    """A shipped overlay as an administrator would load it once checked against the original: a new id and
    every ``status`` set to confirmed with the (test) document number, issuing body and date."""
    text = (REGIONS / f"{shipped}.toml").read_text(encoding="utf-8").replace(f'id = "{shipped}"', f'id = "{new_id}"')
    provenance = f'document = "{TEST_DOCUMENT}"\nissuer = "{TEST_ISSUER}"\ndate = {TEST_DATE.isoformat()}\n'
    return text.replace('status = "unconfirmed"\n', 'status = "confirmed"\n' + provenance)


def admin_verifier(data_dir: Path, **files: str) -> Verifier:
    """The verifier of a data folder whose ``policies/`` holds ``files`` (name without .toml -> text)."""
    folder = data_dir / "policies"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return Verifier.load(data_dir)
