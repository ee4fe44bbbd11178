"""Taking an application at the counter: assess it, then file (and accept) the case.

Assessment merges what the office already knows into the application before
the rules run: subsidies in the local ledger (local accepted cases and the
synced national ledger) join the applicant's declared priors, so the
duplicate check of 40号 三 does not depend on what the applicant admits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.application import Application, Intake, PriorSubsidy
from desktop.models.cases import CaseRecord, State, create_case
from desktop.models.checklist import ChecklistItem, Source, build_checklist, materials_record
from desktop.models.identity import normalize_id_number
from desktop.models.registry import CertificateRow, InsuredRow, certificates_of, find_insured, registry_as_of
from desktop.models.rules import Verdict, Verifier
from desktop.models.schema import Ledger
from desktop.models.staff import StaffUser
from desktop.models.store import Store


@dataclass(frozen=True)
class Assessment:
    application: Application  # with the ledger's priors merged in
    verdict: Verdict
    sources: Mapping[str, Source]
    checklist: tuple[ChecklistItem, ...]

    @property
    def missing(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.checklist if item.missing)


def ledger_priors(session: Session, id_number: str, *, exclude_case_no: str | None = None) -> list[PriorSubsidy]:
    """Subsidies the ledger holds for this person, except the case being re-assessed.  A purged
    case's row holds the person as a keyed pseudonym (``purge``): looked up beside the number."""
    from desktop.models.purge import ledger_pseudonym

    number = normalize_id_number(id_number)
    forms = [number]
    pseudonym = ledger_pseudonym(session, number) if number else None
    if pseudonym is not None:
        forms.append(pseudonym)
    query = select(Ledger).where(Ledger.id_number.in_(forms))
    if exclude_case_no is not None:
        query = query.where((Ledger.case_no.is_(None)) | (Ledger.case_no != exclude_case_no))
    return [
        PriorSubsidy(row.occupation_code, row.level, row.granted_on, row.shortage)
        for row in session.scalars(query)
    ]


def _grant(prior: PriorSubsidy) -> tuple[str, int, dt.date]:
    return prior.occupation_code, prior.level, prior.granted_on


def merge_priors(app: Application, extra: Iterable[PriorSubsidy]) -> Application:
    """The declared priors plus the ledger's: one grant (occupation, level, day) counts once, and a
    declared one without a shortage flag takes the flag the ledger recorded."""
    recorded = {_grant(p): p for p in extra}
    declared = tuple(recorded.get(_grant(p), p) if p.shortage is None else p for p in app.prior_subsidies)
    known = {_grant(p) for p in declared}
    added = tuple(p for key, p in recorded.items() if key not in known)
    merged = declared + added
    return replace(app, prior_subsidies=merged) if merged != app.prior_subsidies else app


def assess(
    store: Store,
    verifier: Verifier,
    app: Application,
    *,
    sources: Mapping[str, Source] | None = None,
    received: Iterable[str] = (),
    exclude_case_no: str | None = None,
    policy_id: str | None = None,
) -> Assessment:
    with store.session(readonly=True) as session:
        app = merge_priors(app, ledger_priors(session, app.id_number, exclude_case_no=exclude_case_no))
    verdict = verifier.verify(app, policy_id)
    sources = dict(sources or {})
    return Assessment(app, verdict, sources, tuple(build_checklist(verdict.policy, sources, received)))


def file_case(
    store: Store,
    verifier: Verifier,
    actor: StaffUser,
    intake: Intake,
    *,
    accept: bool,
    reason: str | None = None,
    sources: Mapping[str, Source] | None = None,
    received: Iterable[str] = (),
    confirm_missing: Collection[str] | None = None,
) -> tuple[CaseRecord, Assessment]:
    """Assess and file a case in one go: accepted (``accept``), else a draft waiting for materials.

    Accepting an ineligible case needs ``reason`` and marks it disputed (create_case enforces it).

    The materials gate (issue 16.4): the record says what was received, what information sharing checked
    (source and as-of) and what is missing.  At the counter ``confirm_missing`` is the clerk's confirmation,
    naming every material still missing (``cases.MaterialsMissing`` when one is not named: the case is then
    not filed, and the counter saves it as 待补正 with its one-time notice).  ``None`` is a program's intake
    (the ``intake`` command, the demo): it accepts as CONTRACTS.md says, and the record and the acceptance's
    audit entry say what was missing."""
    received = list(received)
    assessment = assess(store, verifier, intake.application, sources=sources, received=received)
    verdict = assessment.verdict
    if confirm_missing is None:
        confirm_missing = [item.code for item in assessment.missing]
    record = create_case(
        store,
        actor,
        replace(intake, application=assessment.application),
        verdict=verdict.to_json(),
        eligible=verdict.eligible,
        amount_yuan=verdict.amount_yuan,
        policy_id=verdict.policy.label,
        sources={key: source.to_json() for key, source in assessment.sources.items()},
        materials=materials_record(verdict.policy, assessment.sources, received),
        state=State.accepted if accept else State.draft,
        reason=reason,
        shortage=verdict.shortage,
        confirm_missing=confirm_missing,
    )
    return record, assessment


@dataclass(frozen=True)
class RegistryHit:
    """What the local registry copy knows about an ID number (None/empty when nothing)."""

    person: InsuredRow | None
    certificates: tuple[CertificateRow, ...]
    insured_as_of: dt.datetime | None
    certificates_as_of: dt.datetime | None
    online: bool = False  # asked the central registries live (else: the local synced copy)
    # The central registries' only answer for a person insured outside this office's pooling area
    # (issue 14.5): the region where they are insured; "" otherwise.
    insured_elsewhere: str = ""

    def notice(self) -> str | None:
        """What to tell the clerk about a person insured elsewhere (None for anyone else)."""
        if not self.insured_elsewhere:
            return None
        from desktop.models.pooling import region_list

        place = region_list().describe(self.insured_elsewhere)
        return f"此人参保地为 {place}，不属本办事处统筹地区，中心系统只告知参保地：请告知申请人到参保地申领"


def lookup_applicant(store: Store, id_number: str) -> RegistryHit:
    with store.session(readonly=True) as session:
        number = normalize_id_number(id_number)
        return RegistryHit(
            find_insured(session, number),
            tuple(certificates_of(session, number)),
            registry_as_of(session, "insured"),
            registry_as_of(session, "certificates"),
        )
