"""How the central system judges a counter's audit head (issue 14.4; ``central.audit_anchor.judge``)."""

from __future__ import annotations

from central import incidents
from central.audit_anchor import judge
from wire import AuditHead

A, B, C, X = "a" * 64, "b" * 64, "c" * 64, "f" * 64


def _head(seq: int, digest: str, proof_seq: int, proof_hash: str) -> AuditHead:
    return AuditHead(seq=seq, hash=digest, proof_seq=proof_seq, proof_hash=proof_hash)


def test_the_first_head_is_recorded_without_question() -> None:
    judgement = judge({}, _head(5, A, 0, "0" * 64))
    assert judgement.incident is None and judgement.record


def test_a_head_proving_the_latest_record_moves_the_anchor_and_the_same_head_writes_nothing() -> None:
    recorded = {5: A}
    assert judge(recorded, _head(9, B, 5, A)).record
    same = judge({5: A, 9: B}, _head(9, B, 9, B))
    assert same.incident is None and not same.record


def test_a_proof_of_an_earlier_record_passes_when_the_last_answer_was_lost() -> None:
    """The central system recorded 9 but its answer never arrived: the counter still proves 5."""
    judgement = judge({5: A, 9: B}, _head(12, C, 5, A))
    assert judgement.incident is None and judgement.record


def test_a_rewritten_entry_is_a_fork() -> None:
    judgement = judge({5: A, 9: B}, _head(12, C, 9, X))
    assert judgement.incident is not None and judgement.incident.kind == incidents.KIND_AUDIT_FORK
    assert "第9条" in judgement.incident.reason
    at_head = judge({5: A, 9: B}, _head(9, X, 9, X))
    assert at_head.incident is not None and at_head.incident.kind == incidents.KIND_AUDIT_FORK


def test_a_shorter_chain_goes_backwards_and_an_unknown_proof_is_unproven() -> None:
    back = judge({5: A, 9: B}, _head(7, C, 5, A))
    assert back.incident is not None and back.incident.kind == incidents.KIND_AUDIT_BACKWARDS
    assert back.incident.details["recorded_seq"] == 9 and back.record
    unproven = judge({5: A, 9: B}, _head(12, C, 0, "0" * 64))
    assert unproven.incident is not None and unproven.incident.kind == incidents.KIND_AUDIT_UNPROVEN
