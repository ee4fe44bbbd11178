"""Demo data: staff accounts, registry rows and sample cases over every state.

Everything is made through the same services the counter and the back office
use (staff, registry import, intake, review, publicity, approval, payment
files), so a demo folder is a real one: its audit trail verifies, its outbox
holds every change, and no case skipped a rule on the way.  Random choices come
from a seeded generator, so two demo folders hold the same people.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.models import staff
from desktop.models.application import Application, Certificate, Employer, Intake, Payment
from desktop.models.cases import CaseRecord, State, get_case, list_cases, transition
from desktop.models.checklist import Source, SourceKind
from desktop.models.clock import Clock
from desktop.models.errors import Conflict
from desktop.models.files import private_dir, private_output
from desktop.models.identity import id_check_character, uscc_check_character
from desktop.models.intake import file_case
from desktop.models.office import DECISION_SETTINGS, PUBLICITY_SETTINGS, office_profile, set_office_profile
from desktop.models.registry import import_registry
from desktop.models.registry_files import CERTIFICATE_COLUMNS, INSURED_COLUMNS, read_registry
from desktop.models.rules import Verifier
from desktop.models.spreadsheet_cells import safe_row, safe_text
from desktop.models.staff import SYSTEM_ACTOR, Role, StaffUser
from desktop.models.store import Store

DEMO_PASSWORD = "zhanchi-demo"
DEMO_OFFICE = "440100"
DEMO_STAFF = (
    ("clerk", "陈受理", Role.clerk),
    ("clerk2", "林受理", Role.clerk),
    ("reviewer", "黄审核", Role.reviewer),
    ("approver", "周审批", Role.approver),
    ("supervisor", "吴科长", Role.supervisor),
    ("auditor", "郑审计", Role.auditor),
    ("admin", "系统管理员", Role.admin),
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华梅琳婷建国志红玉兰海燕晓东文斌春"
DISTRICTS = ("440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117")
OCCUPATIONS = (
    ("6-18-01-01", "车工"), ("6-18-02-04", "焊工"), ("6-31-01-03", "电工"), ("4-10-01-05", "养老护理员"),
    ("4-10-01-06", "家政服务员"), ("4-12-01-01", "汽车维修工"), ("4-03-02-01", "中式烹调师"),
    ("6-18-01-04", "磨工"), ("6-20-03-01", "机床装调维修工"), ("6-25-04-07", "电子设备装接工"),
)
EMPLOYERS = (
    "广州白云精密机械有限公司", "广州南沙汽车零部件制造有限公司", "广州黄埔电子科技有限公司",
    "广州天河家政服务有限公司", "广州越秀颐康养老服务中心", "广州番禺五金制品有限公司",
    "广州花都物流有限公司", "广州海珠餐饮管理有限公司", "广州从化电气设备有限公司",
    "广州荔湾纺织服装有限公司", "广州增城新能源科技有限公司", "广州开发区智能装备有限公司",
)
BANKS = ("中国工商银行", "中国农业银行", "中国建设银行", "中国银行", "广州农村商业银行")

# How the sample cases spread over the lifecycle (weights); approved ones stay unpaid.
STATE_WEIGHTS = (
    (State.draft, 8), (State.accepted, 15), (State.under_review, 12), (State.rejected, 7),
    (State.publicized, 12), (State.approved, 20), (State.paid, 17), (State.payment_failed, 4),
    (State.withdrawn, 5),
)
# The case's own steps after filing, each by one person at the counter or in the review (the
# back office's batches, approval and payment files run in daily rounds, see ``fill``).
STEPS: dict[State, tuple[State, ...]] = {
    State.draft: (),
    State.accepted: (),
    State.under_review: (State.under_review,),
    State.rejected: (State.under_review, State.rejected),
    State.publicized: (State.under_review, State.publicized),
    State.approved: (State.under_review, State.publicized),
    State.paid: (State.under_review, State.publicized),
    State.payment_failed: (State.under_review, State.publicized),
    State.withdrawn: (State.withdrawn,),
}
# Passed, publicized for at least five working days, then approved (and paid): filed long enough ago.
APPROVED_TARGETS = (State.approved, State.paid, State.payment_failed)
PASSED_TARGETS = (State.publicized, *APPROVED_TARGETS)
# The back office's daily rounds on working days, office time: close the batches whose period is
# over, approve their cases, export a payment file, import the bank's answer, publish a new batch.
ROUNDS = (("close", dt.time(8, 30)), ("approve", dt.time(9, 0)), ("export", dt.time(10, 0)),
          ("import", dt.time(15, 0)), ("publish", dt.time(16, 0)))
FAILED_REASON = "账户已销户"
# What a written decision needs (issue 17.2), for the demo office 440100 (Guangzhou): the deciding body,
# its document number prefix, the reconsideration body and the court.  Sample values, set only where
# an administrator has not set them; a real office sets its own in 设置.
DEMO_DECISION_SETTINGS = {
    "issuer_name": "广州市人力资源和社会保障局",
    "doc_number_prefix": "穗人社技补决",
    "reconsideration_body": "广州市人民政府",
    "court": "广州铁路运输法院",
    # and what a publicity list needs (issue 17.10): the office's own objection line and street address
    "objection_phone": "020-83330000",
    "objection_address": "广州市越秀区示例路1号一楼",
}
# The reviewer's stated reason on a rejection: a finding, printed on the decision as its ground (with the
# failed rules' facts and clauses when there are any) — never a bare "资格条件不符".
REJECTION_REASON = "经联网核查，证书信息与发证机构记录不一致，申请人未能提供证书原件核实"
REJECTION_CONFIRMED = "经复核，核验结论属实，申请人提出的异议理由不成立"


@dataclass(frozen=True)
class Person:
    id_number: str
    name: str
    phone: str
    employer_name: str
    employer_uscc: str
    months: int
    benefit: bool  # receiving unemployment benefit
    cert_number: str
    level: int
    occupation_code: str
    occupation_name: str
    issue_date: dt.date
    account: str
    bank: str


def _uscc(rng: random.Random) -> str:
    body = "91440101" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + uscc_check_character(body)


def _id_number(rng: random.Random) -> str:
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(0, 30 * 365))
    first17 = f"{rng.choice(DISTRICTS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def _bank_card(rng: random.Random) -> str:
    body = "622202" + "".join(str(rng.randrange(10)) for _ in range(12))
    total = 0
    for i, digit in enumerate(reversed(body)):
        d = int(digit) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def people(count: int, today: dt.date, seed: int = 2018) -> Iterator[Person]:
    rng = random.Random(seed)
    employers = [(name, _uscc(rng)) for name in EMPLOYERS]
    seen: set[str] = set()
    while len(seen) < count:
        id_number = _id_number(rng)
        if id_number in seen:
            continue
        seen.add(id_number)
        level = rng.choice((5, 5, 4, 4, 3))
        months = rng.choice((8, 14, 26, 40, 63, 95, 130))
        code, occupation = rng.choice(OCCUPATIONS)
        employer, uscc = rng.choice(employers)
        yield Person(
            id_number=id_number,
            name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
            phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            employer_name=employer,
            employer_uscc=uscc,
            months=months,
            benefit=months < 12 and rng.random() < 0.5,  # the others are short of 12 months: ineligible
            cert_number=f"S0001440001{rng.randrange(10**4):04d}{level}{rng.randrange(10**6):06d}",
            level=level,
            occupation_code=code,
            occupation_name=occupation,
            issue_date=today - dt.timedelta(days=rng.randrange(45, 300)),  # before any demo application
            account=_bank_card(rng),
            bank=rng.choice(BANKS),
        )


def write_registry_files(folder: Path, persons: list[Person]) -> tuple[Path, Path]:
    private_dir(folder)  # made-up people, but written as the real registry files would be: owner-only
    insured, certificates = folder / "demo-insured.csv", folder / "demo-certificates.csv"
    with private_output(insured, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(INSURED_COLUMNS)
        for p in persons:
            writer.writerow(safe_row([p.id_number, p.name, p.employer_uscc, p.employer_name, DEMO_OFFICE, p.months,
                                      p.phone, "true" if p.benefit else "false"]))
    with private_output(certificates, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CERTIFICATE_COLUMNS)
        for p in persons:
            writer.writerow(safe_row([p.cert_number, p.id_number, "skill_level", p.level, p.occupation_code,
                                      p.occupation_name, p.issue_date.isoformat(), "广州市职业技能鉴定指导中心"]))
    return insured, certificates


def intake_for(person: Person, application_date: dt.date) -> Intake:
    return Intake(
        application=Application(
            applicant_name=person.name,
            id_number=person.id_number,
            insured_region=DEMO_OFFICE,
            application_region=DEMO_OFFICE,
            contribution_months=person.months,
            receiving_unemployment_benefit=person.benefit,
            certificate=Certificate(person.cert_number, "skill_level", person.level, person.occupation_code,
                                    person.issue_date, person.occupation_name),
            application_date=application_date,
            employer_uscc=person.employer_uscc,
        ),
        payment=Payment("bank", person.account, person.bank, person.name),
        employer=Employer(person.employer_name, person.employer_uscc),
        phone=person.phone,
    )


def create_demo_staff(store: Store) -> dict[str, StaffUser]:
    accounts = {}
    existing = {user.username: user for user in staff.list_staff(store, include_inactive=True)}
    for username, name, role in DEMO_STAFF:
        accounts[username] = existing.get(username) or staff.create_staff(
            store, actor=None, username=username, display_name=name, role=role,
            office_code=DEMO_OFFICE, password=DEMO_PASSWORD,
        )
    return accounts


def set_demo_decision_settings(store: Store, admin: StaffUser) -> None:
    """The demo office's decision settings, where still empty (so ``print decision`` works on demo data)."""
    profile = office_profile(store)
    missing = {name: value for name, value in DEMO_DECISION_SETTINGS.items()
               if (name in DECISION_SETTINGS or name in PUBLICITY_SETTINGS) and not getattr(profile, name)}
    if missing:
        set_office_profile(store, admin, **missing)


def fill(store: Store, clock: Clock, verifier: Verifier, cases: int = 200, *,
         progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Fill a store.  ``clock`` is the store's clock: it is set to each event's time so the
    sample cases spread over the last weeks in time order (the audit trail stays monotonic).

    Every move goes through the service that makes it at an office: the review
    (``review.start_review``, ``pass_review``, ``reject_review``), the clerk's withdrawal
    (``cases.transition``), and the back office's daily rounds: publicity batches published
    and closed after their period, approval of the closed batches' cases, a payment file
    exported and the bank's answer imported (one payment fails).  Cases meant to be approved
    or paid are filed early enough for their publicity to run its course."""
    original = clock.fixed
    real_now = clock.now()
    accounts = create_demo_staff(store)
    set_demo_decision_settings(store, accounts["admin"])
    persons = list(people(max(cases * 2, 50), clock.today()))
    insured, certificates = write_registry_files(store.data_dir / "demo", persons)
    for path, kind in ((insured, "insured"), (certificates, "certificates")):
        import_registry(store, read_registry(path, kind, today=clock.today()),  # type: ignore[arg-type]
                        as_of=real_now, audit_actor=SYSTEM_ACTOR)
    clerks = [accounts["clerk"], accounts["clerk2"]]
    rng = random.Random(27)
    states = [s for s, w in STATE_WEIGHTS for _ in range(w)]
    synced = Source(SourceKind.SYNCED, real_now)
    sources = {"identity": synced, "contributions": synced, "certificate": synced}

    # One case in each state first, then the rest in proportion to the weights.
    targets = [state for state, _ in STATE_WEIGHTS][:cases]
    rest = cases - len(targets)
    targets += [states[i * len(states) // rest] for i in range(rest)]
    starts = [real_now - (dt.timedelta(days=rng.randrange(28, 45)) if target in APPROVED_TARGETS
                          else dt.timedelta(days=rng.randrange(0, 40)))
              - dt.timedelta(hours=rng.randrange(1, 8)) for target in targets]
    intakes, eligible = _applicants(verifier, clock, persons, targets, starts)
    # One applicant under review gives another applicant's bank card (a family member's, say): the
    # review's risk monitor flags the shared account and the holder's name.
    borrower = next((i for i, t in enumerate(targets) if t is State.under_review), None)
    lender = next((i for i, t in enumerate(targets) if t is State.paid), None)
    if borrower is not None and lender is not None:
        intakes[borrower] = dataclasses.replace(intakes[borrower], payment=intakes[lender].payment)
    # An ineligible applicant's case is filed as disputed and goes no further than rejection.
    ends = (State.draft, State.accepted, State.under_review, State.rejected, State.withdrawn)
    targets = [t if eligible[i] or t in ends else State.rejected for i, t in enumerate(targets)]

    # The timeline: (time, order, case index or -1 for a round, step number or round name).
    events: list[tuple[dt.datetime, int, int, int | str]] = []
    for i, target in enumerate(targets):
        at = starts[i]
        events.append((at, 1, i, 0))
        for number in range(1, len(STEPS[target]) + 1):
            at = max(at, min(at + dt.timedelta(hours=rng.randrange(1, 30)), real_now))
            events.append((at, 1, i, number))
    day = clock.local_date(min(starts, default=real_now))
    while day <= clock.local_date(real_now):
        if verifier.calendar.is_workday(day):
            for name, time in ROUNDS:
                at = dt.datetime.combine(day, time, clock.tz).astimezone(dt.UTC)
                if at <= real_now:
                    events.append((at, 0, -1, name))
        day += dt.timedelta(days=1)
    events.sort(key=lambda e: (e[0], e[1], e[2], str(e[3])))

    office = _BackOffice(store, verifier, accounts, targets)
    records: dict[int, CaseRecord] = {}
    done = 0
    try:
        for at, _, i, step in events:
            clock.fixed = at
            if isinstance(step, str):
                office.round(step, records)
                continue
            target, clerk = targets[i], clerks[i % len(clerks)]
            if step == 0:
                draft = target is State.draft
                records[i], _ = file_case(
                    store, verifier, clerk, intakes[i], accept=not draft, sources=sources,
                    reason=None if eligible[i] or draft else "申请人对核验结果有异议，提交审核人复核",
                    received=["application_form"] if draft else ["application_form", "payment_account"],
                )
            else:
                records[i] = office.step(records[i], STEPS[target][step - 1], clerk)
                if STEPS[target][step - 1] is State.publicized:
                    office.ready.append(i)
            if step == len(STEPS[target]):
                done += 1
                if progress is not None:
                    progress(done, cases)
    finally:
        clock.fixed = original
    back_office(store, verifier, accounts, [intakes[i] for i, t in enumerate(targets) if t is State.under_review])
    states_now = [get_case(store, record.id).state for record in records.values()]
    return {state.value: n for state in State if (n := states_now.count(state))}


def _applicants(verifier: Verifier, clock: Clock, persons: list[Person], targets: list[State],
                starts: list[dt.datetime]) -> tuple[list[Intake], list[bool]]:
    """An applicant for each case, in the order of ``persons``; a case meant to pass the review
    takes the next applicant who is eligible on its application date (the others keep their order)."""
    unused = list(range(len(persons)))
    intakes, eligible = [], []
    for target, at in zip(targets, starts, strict=True):
        day = clock.local_date(at)
        chosen, ok = unused[0], None
        if target in PASSED_TARGETS:
            for index in unused:
                if verifier.verify(intake_for(persons[index], day).application).eligible:
                    chosen, ok = index, True
                    break
        unused.remove(chosen)
        intake = intake_for(persons[chosen], day)
        intakes.append(intake)
        eligible.append(ok if ok is not None else verifier.verify(intake.application).eligible)
    return intakes, eligible


class _BackOffice:
    """The reviewer's and the approver's side of the demo, through their services."""

    def __init__(self, store: Store, verifier: Verifier, accounts: dict[str, StaffUser],
                 targets: list[State]) -> None:
        self.store, self.verifier, self.targets = store, verifier, targets
        self.reviewer, self.approver = accounts["reviewer"], accounts["approver"]
        self.ready: list[int] = []  # passed, waiting for a batch
        self.batches: list[tuple[str, dt.date, list[int]]] = []  # published: id, last day, cases
        self.closed: list[int] = []  # in a closed batch, waiting for approval
        self.approved: list[int] = []  # approved, to be paid
        self.exported: tuple[Path, set[str]] | None = None  # today's payment file, failing case numbers

    def step(self, record: CaseRecord, to: State, clerk: StaffUser) -> CaseRecord:
        from desktop.models import review  # the back office, only for the demo

        store = self.store
        if to is State.under_review:
            return review.start_review(store, self.verifier, self.reviewer, record.id)
        if to is State.rejected:
            reason = REJECTION_REASON if record.eligible else REJECTION_CONFIRMED
            return review.reject_review(store, self.reviewer, record.id, reason)
        if to is State.publicized:
            try:
                return review.pass_review(store, self.verifier, self.reviewer, record.id)
            except Conflict:  # a risk flag raised on the way: the reviewer checks it and writes a finding
                from desktop.models import risk

                for flag in risk.flags_of(store, record.id, open_only=True):
                    risk.clear_flag(store, self.reviewer, flag.id, "经电话核实及材料核查，情况属实，不影响申领")
                return review.pass_review(store, self.verifier, self.reviewer, record.id)
        assert to is State.withdrawn
        return transition(store, clerk, record.id, State.withdrawn, note="申请人申请撤回")

    def round(self, name: str, records: dict[int, CaseRecord]) -> None:
        from desktop.models import approval, payments, publicity  # the back office, only for the demo

        store, today = self.store, self.store.clock.today()
        if name == "close":
            for batch_id, ends_on, members in [b for b in self.batches if b[1] < today]:
                publicity.close_batch(store, self.reviewer, batch_id)
                self.batches.remove((batch_id, ends_on, members))
                self.closed += [i for i in members if self.targets[i] in APPROVED_TARGETS]
        elif name == "approve" and self.closed:
            approval.approve(store, self.approver, [records[i].id for i in self.closed])
            self.approved += [i for i in self.closed if self.targets[i] in (State.paid, State.payment_failed)]
            self.closed = []
        elif name == "export" and self.approved:
            folder = store.data_dir / "demo"
            exported = folder / f"payment-{store.clock.now():%Y%m%dT%H%M%S}.csv"
            payments.export_payments(store, self.approver, exported, case_ids=[records[i].id for i in self.approved])
            failing = {records[i].case_no for i in self.approved if self.targets[i] is State.payment_failed}
            self.exported, self.approved = (exported, failing), []
        elif name == "import" and self.exported is not None:
            exported, failing = self.exported
            with exported.open(encoding="utf-8-sig", newline="") as source:
                rows = list(csv.DictReader(source))
            answer = exported.with_name(f"{exported.stem}-result.csv")
            with private_output(answer, "w", encoding="utf-8-sig", newline="") as target:
                writer = csv.DictWriter(target, fieldnames=list(payments.RESULT_COLUMNS))
                writer.writeheader()
                for row in rows:  # the bank echoes the exported cells (safe_text leaves marked ones alone)
                    failed = row["case_no"] in failing
                    answer_row = {**row, "status": "failed" if failed else "paid",
                                  "reason": FAILED_REASON if failed else ""}
                    writer.writerow({column: safe_text(value) for column, value in answer_row.items()})
            payments.import_payment_result(store, self.approver, answer)
            self.exported = None
        elif name == "publish" and self.ready:
            batch = publicity.create_batch(store, self.reviewer, [records[i].id for i in self.ready])
            published = publicity.publish_batch(store, self.verifier, self.reviewer, batch.id)
            assert published.ends_on is not None
            self.batches.append((published.id, published.ends_on, self.ready))
            self.ready = []


def back_office(store: Store, verifier: Verifier, accounts: dict[str, StaffUser], under_review: list[Intake]) -> None:
    """What the back office has open at the end of the demo, through its services: an integrity
    record and the risk flags of the cases under review."""
    from desktop.models import integrity, risk  # the back office, only for the demo

    reviewer = accounts["reviewer"]
    if under_review:
        suspect = under_review[-1].application
        integrity.record_finding(store, reviewer, subject_kind="person", subject_id=suspect.id_number,
                                 subject_name=suspect.applicant_name,
                                 finding="2023年以他人代考取得的证书申领补贴，已追回")
    thresholds = risk.default_thresholds(store.data_dir)
    for case in list_cases(store, states=(State.under_review,), limit=10_000):
        risk.assess_case(store, reviewer, case.id, thresholds=thresholds)
