"""The one-time notice checklist (POLICY.md §4, 展翅行动 二(四))."""

from __future__ import annotations

import datetime as dt

from desktop.models.checklist import TYPED, Source, SourceKind, build_checklist, missing_items
from desktop.models.policy import PolicyBook, default_policy_dirs

POLICY = PolicyBook.load(default_policy_dirs()).for_case(dt.date(2018, 1, 10), "440100")


def test_everything_needed_when_nothing_is_shared_policy_4() -> None:
    items = build_checklist(POLICY, {})
    assert [i.code for i in items] == [m.code for m in POLICY.materials]
    assert all(i.needed and not i.received for i in items)
    assert len(missing_items(items)) == len(items)


def test_items_held_by_another_department_are_not_asked_for_zhanchi_2_4() -> None:
    as_of = dt.datetime(2018, 1, 9, 18, 0, tzinfo=dt.UTC)  # 2018-01-10 02:00 in Beijing
    sources = {"identity": Source(SourceKind.ONLINE), "contributions": Source(SourceKind.SYNCED, as_of),
               "certificate": TYPED}
    items = {i.code: i for i in build_checklist(POLICY, sources)}
    assert not items["id_card"].needed and "在线核验" in items["id_card"].reason
    assert not items["contribution_record"].needed
    assert "2018-01-10 02:00" in items["contribution_record"].reason, "shown in office time"
    assert items["certificate"].needed, "typed by hand: the certificate itself must be seen"
    assert items["application_form"].needed and items["payment_account"].needed


def test_ticked_items_are_no_longer_missing() -> None:
    items = build_checklist(POLICY, {"identity": Source(SourceKind.ONLINE)},
                            received=["application_form", "certificate", "id_card"])
    missing = {i.code for i in missing_items(items)}
    assert missing == {"contribution_record", "payment_account"}
    by_code = {i.code: i for i in items}
    assert not by_code["id_card"].received, "an item not needed is never counted as handed in"


def test_source_round_trips_as_json() -> None:
    source = Source(SourceKind.SYNCED, dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC))
    assert Source.from_json(source.to_json()) == source
