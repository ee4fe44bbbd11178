"""Hypothesis fuzzing of intake and registry import: bad input is always a typed error naming the
field, never a crash, and nothing is written (issue 8: hostile conditions)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.application import parse_intake
from desktop.models.errors import InvalidInput
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS, read_registry
from desktop.models.rules import Verifier

VERIFIER = Verifier.load(None)
GOOD: dict[str, Any] = {
    "applicant": {"name": "张三", "id_number": "11010519491231002X"},
    "insured_region": "440100", "application_region": "440100", "contribution_months": 40,
    "certificate": {"number": "S000144000123174000056", "kind": "skill_level", "level": 4,
                    "occupation_code": "6-18-01-01", "issue_date": "2017-06-01"},
    "application_date": "2018-01-10",
    "payment": {"kind": "bank", "account": "6222020200112233445", "holder_name": "张三"},
    "employer": {"name": "某公司"},
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def paths(data: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append(prefix + (key,))
            found.extend(paths(value, prefix + (key,)))
    return found


ALL_PATHS = paths(GOOD)


def replaced(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(GOOD))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(ALL_PATHS), value=json_values)
def test_any_value_anywhere_is_parsed_or_refused_naming_a_field(path: tuple[str, ...], value: Any) -> None:
    data = replaced(path, value)
    try:
        intake = parse_intake(data)
    except InvalidInput as exc:
        assert exc.field and exc.reason
        return
    # What parses, the rules can judge without crashing (a wrong checksum is a failed check, not an error).
    try:
        verdict = VERIFIER.verify(intake.application)
    except InvalidInput as exc:
        assert exc.field == "application_date"  # before the first policy
        return
    assert isinstance(verdict.amount_yuan, int) and verdict.amount_yuan >= 0


@settings(max_examples=100, deadline=None)
@given(document=json_values)
def test_any_json_document_is_refused_cleanly(document: Any) -> None:
    try:
        parse_intake(document)
    except InvalidInput as exc:
        assert exc.field
        assert "\n" not in str(exc)


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=25)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["insured", "certificates"]), rows=st.lists(st.lists(cells, min_size=0, max_size=10),
                                                                          max_size=6))
def test_any_csv_is_read_or_refused_by_row_and_column(tmp_path_factory: Any, kind: str, rows: list[list[str]]) -> None:
    header = INSURED_COLUMNS if kind == "insured" else CERTIFICATE_COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = Path(tmp_path_factory.mktemp("fuzz")) / "registry.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        result = read_registry(path, kind, today=dt.date(2026, 11, 27))  # type: ignore[arg-type]
    except InvalidInput as exc:
        assert exc.field == "FILE"
        return
    assert len(result.rows) + len({e.row for e in result.errors}) <= max(len(rows), result.total)
    for error in result.errors:
        assert error.row >= 2 and error.column and error.message
