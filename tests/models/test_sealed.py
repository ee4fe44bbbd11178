"""Files beside the database sealed with its key (issue 20.1, ``models.sealed``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models import sealed
from desktop.models.store import Store, open_store


def test_a_changed_or_cut_sealed_file_is_refused_not_read(store: Store, tmp_path: Path) -> None:
    path = store.data_dir / "documents" / "x" / "receipt.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(sealed.kept(store.data_dir, path, b"%PDF-1.4 the receipt"))
    assert sealed.is_sealed(path.read_bytes()) and sealed.read_document(path) == b"%PDF-1.4 the receipt"
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(sealed.SealBroken):
        sealed.read_document(path)
    path.write_bytes(bytes(blob[:-20]))
    with pytest.raises(sealed.SealBroken):
        sealed.read_document(path)
    outside = tmp_path / "given-out.pdf"  # --out somewhere else: meant to be read there, left as it is
    assert sealed.kept(store.data_dir, outside, b"%PDF") == b"%PDF"


def test_a_draft_cannot_be_passed_off_as_a_document(store: Store) -> None:
    """Each file is sealed for what it is (the purpose is bound to it)."""
    seal = sealed.for_folder(store.data_dir)
    with pytest.raises(sealed.SealBroken):
        seal.open(seal.seal(b"{}", "intake-draft"), sealed.DOCUMENT)


def test_documents_of_before_are_sealed_once_at_the_first_start(store: Store) -> None:
    folder = store.data_dir
    old = folder / "documents" / "440100-AAAA-20261127-0001" / "receipt-a4-20261127T090000.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.4 printed before sealing")
    (folder / sealed.DOCUMENTS_SEALED).unlink(missing_ok=True)
    store.close()
    open_store(folder, clock=store.clock).close()
    assert sealed.is_sealed(old.read_bytes()) and sealed.read_document(old) == b"%PDF-1.4 printed before sealing"
    assert (folder / sealed.DOCUMENTS_SEALED).exists()
    later = old.with_name("notice.pdf")  # after the marker: a start looks at one file, not at every document
    later.write_bytes(b"%PDF-1.4 planted later")
    open_store(folder, clock=store.clock).close()
    assert later.read_bytes() == b"%PDF-1.4 planted later"


def test_a_sealed_document_outside_any_open_folder_is_refused(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "copied.pdf"
    path.write_bytes(sealed.for_folder(store.data_dir).seal(b"%PDF", sealed.DOCUMENT))
    with pytest.raises(sealed.SealBroken, match="未打开"):
        sealed.read_document(path)
