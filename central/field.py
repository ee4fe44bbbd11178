"""Field preload: the registry rows and ledger of a set of employers (an industrial park).

A laptop going out to a park asks for the insured rows of the park's employers
in its own region (as a pull would bring them, but only those), their
certificates, and every ledger entry of those people — whatever office
granted it, active or not — so the duplicate check at the park knows every
earlier subsidy (``active`` as the laptop's office is to count it: issue
14.3).  One read transaction; nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Engine, select

from central import authority
from central.auth import Device
from central.db import ledger, read, registry_certificates, registry_insured, utcnow
from wire import CERTIFICATE_COLUMNS, INSURED_COLUMNS, EmployerAnswer, EmployerQuery, LedgerEntry

_CHUNK = 500


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _clean(values: Iterable[str], *, upper: bool) -> list[str]:
    out = []
    for value in values:
        text = "".join(value.split()) if upper else value.strip()
        if text:
            out.append(text.upper() if upper else text)
    return list(dict.fromkeys(out))


def employers(engine: Engine, device: Device, query: EmployerQuery) -> EmployerAnswer:
    usccs = _clean(query.usccs, upper=True)
    names = _clean(query.names, upper=False)
    insured: list[tuple[Any, ...]] = []
    certificates: list[tuple[Any, ...]] = []
    entries: list[LedgerEntry] = []
    seen_usccs: set[str] = set()
    seen_names: set[str] = set()
    with read(engine) as conn:
        columns = [registry_insured.c[c] for c in INSURED_COLUMNS]
        found: dict[str, tuple[Any, ...]] = {}
        for values, column in ((usccs, registry_insured.c.employer_uscc), (names, registry_insured.c.employer_name)):
            for chunk in _chunks(values):
                rows = conn.execute(
                    select(*columns).where(registry_insured.c.region == device.region, column.in_(chunk))
                )
                for row in rows:
                    found[row.id_number] = tuple(row)
                    seen_usccs.add(row.employer_uscc)
                    seen_names.add(row.employer_name)
        insured = [found[k] for k in sorted(found)]
        people = sorted(found)
        cert_columns = [registry_certificates.c[c] for c in CERTIFICATE_COLUMNS]
        for chunk in _chunks(people):
            certificates += [tuple(r) for r in conn.execute(
                select(*cert_columns).where(registry_certificates.c.id_number.in_(chunk))
                .order_by(registry_certificates.c.id_number, registry_certificates.c.number)
            )]
            claims = authority.ledger_with_authority().where(ledger.c.id_number.in_(chunk)).order_by(ledger.c.seq)
            entries += [authority.entry_for(r, device.office_code) for r in conn.execute(claims)]
    unmatched = [u for u in usccs if u not in seen_usccs] + [n for n in names if n not in seen_names]
    return EmployerAnswer.model_construct(insured=insured, certificates=certificates, ledger=entries,
                                          unmatched=unmatched, server_time=utcnow())


__all__ = ["employers"]
