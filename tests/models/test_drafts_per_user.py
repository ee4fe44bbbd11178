"""Each clerk's autosaved intake draft is their own (issue 16.6)."""

from __future__ import annotations

from pathlib import Path

from desktop.models.drafts import discard_draft, draft_path, load_draft, save_draft


def test_each_user_has_their_own_draft(tmp_path: Path) -> None:
    save_draft(tmp_path, {"form": {"intake.id_number": "11010519491231002X"}}, "clerk")
    assert load_draft(tmp_path, "clerk2") is None
    save_draft(tmp_path, {"form": {"intake.id_number": "440106198506151001"}}, "clerk2")
    assert load_draft(tmp_path, "clerk") == {"form": {"intake.id_number": "11010519491231002X"}}
    discard_draft(tmp_path, "clerk")
    assert load_draft(tmp_path, "clerk") is None
    assert load_draft(tmp_path, "clerk2") == {"form": {"intake.id_number": "440106198506151001"}}


def test_usernames_that_differ_only_in_case_get_different_files(tmp_path: Path) -> None:
    names = ["clerk", "Clerk", "a.b@c-d_e", "受理员"]
    paths = {draft_path(tmp_path, name) for name in names}
    assert len({p.name.lower() for p in paths}) == len(names)  # also where file names ignore case
    assert all(p.parent == tmp_path / "drafts" and p.name.isascii() for p in paths)


def test_the_draft_of_before_goes_to_the_first_person_to_open_the_form(tmp_path: Path) -> None:
    state = {"form": {"intake.name": "张三"}}
    save_draft(tmp_path, state)  # drafts/intake.json, as the program kept it before
    assert load_draft(tmp_path, "clerk") == state
    assert not draft_path(tmp_path).exists()
    assert load_draft(tmp_path, "clerk2") is None  # not everyone's
    assert load_draft(tmp_path, "clerk") == state
