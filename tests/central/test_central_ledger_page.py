"""The ledger stream's page (issue 19.6): entries filed in the region or of people insured in it, as two
indexed arms merged by sequence — each once, in order, across pages of any size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from central.auth import Device
from central.db import ledger, make_engine, read, write
from central.pull import _page
from wire import STREAM_LEDGER


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_pages_bring_each_entry_of_the_region_once_in_order(backend: str, tmp_path: Path,
                                                            request: pytest.FixtureRequest) -> None:
    url = (f"sqlite:///{tmp_path / 'central.db'}" if backend == "sqlite"
           else request.getfixturevalue("postgres_cluster").create_database())
    engine = make_engine(url)
    device = Device("d1", "440100", "一号窗口")
    # (office_region, insured_region): the region "4401" sees 1, 3, 4, 6 (filed there, insured there, both).
    regions = [("4401", "4403"), ("4403", "4403"), ("4403", "4401"), ("4401", "4401"), ("4406", "4406"),
               ("4406", "4401")]
    with write(engine) as conn:
        conn.execute(ledger.insert(), [
            {"case_id": f"c{seq}", "case_no": f"N{seq}", "office_code": office + "00", "office_region": office,
             "insured_region": insured, "id_number": "440106199001011237", "occupation_code": "6-18-01-01",
             "level": 4, "granted_on": dt.date(2026, 1, 1), "shortage": False, "active": True, "seq": seq,
             "updated_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}
            for seq, (office, insured) in enumerate(regions, start=1)])
    for limit in (1, 2, 3, 10):
        seen, cursor, more = [], 0, True
        with read(engine) as conn:
            while more:
                rows, cursor, more = _page(conn, STREAM_LEDGER, device, cursor, limit)
                seen += [r.seq for r in rows]
        assert seen == [1, 3, 4, 6], limit
    engine.dispose()
