"""Each clerk's autosaved intake draft is their own (issue 16.6), sealed with the folder's key (issue 20.1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.models import keystore
from desktop.models.drafts import discard_draft, draft_path, load_draft, save_draft
from desktop.models.files import write_private


@pytest.fixture
def tmp_path(tmp_path: Path) -> Path:
    """A data folder with its key, as ``open_store`` leaves it."""
    keystore.make_folder_key(tmp_path)
    return tmp_path


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
    # drafts/intake.json, as the program kept it before (plain: drafts were sealed later)
    draft_path(tmp_path).parent.mkdir()
    write_private(draft_path(tmp_path), json.dumps(state, ensure_ascii=False).encode("utf-8"))
    assert load_draft(tmp_path, "clerk") == state
    assert not draft_path(tmp_path).exists()
    assert load_draft(tmp_path, "clerk2") is None  # not everyone's
    assert load_draft(tmp_path, "clerk") == state


def test_a_draft_on_disk_shows_nothing_and_opens_only_in_its_own_folder(tmp_path: Path) -> None:
    state = {"form": {"intake.id_number": "11010519491231002X", "intake.account": "6222020200112233445",
                      "intake.name": "张三"}}
    path = save_draft(tmp_path, state, "clerk")
    raw = path.read_bytes()
    for secret in ("11010519491231002X", "6222020200112233445", "张三"):
        assert secret.encode("utf-8") not in raw
    assert load_draft(tmp_path, "clerk") == state

    other = tmp_path.parent / "another-folder"  # a copied draft in a folder with another key
    other.mkdir()
    keystore.make_folder_key(other)
    (other / "drafts").mkdir()
    shutil.copy(path, draft_path(other, "clerk"))
    assert load_draft(other, "clerk") is None  # unreadable there, and nothing crashes


def test_a_plain_draft_of_before_is_read_and_sealed_when_next_saved(tmp_path: Path) -> None:
    state = {"form": {"intake.id_number": "11010519491231002X"}}
    path = draft_path(tmp_path, "clerk")
    path.parent.mkdir()
    write_private(path, json.dumps(state).encode("utf-8"))
    assert load_draft(tmp_path, "clerk") == state
    save_draft(tmp_path, state, "clerk")
    assert b"11010519491231002X" not in path.read_bytes() and load_draft(tmp_path, "clerk") == state
