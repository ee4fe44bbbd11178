"""What an applicant brings to the counter, parsed from the JSON of CONTRACTS.md.

``Application`` is what the eligibility rules read; ``Intake`` adds what the
office needs to accept and pay a case.  Parsing checks shapes and types only
(a date is a date, a level an integer 1-5) and names the offending key in a
typed ``InvalidInput``; whether the values make the applicant eligible is the
rules' business, so a wrong ID checksum is a failed check, not a parse error.
Names are the exception (``names``): a name with hidden characters, or one
longer than the central system takes, is refused here, where it is typed.
So is an employer credit code that is not one (``employer.uscc``): the
enterprise_employee rule reads its first character, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from desktop.models.errors import InvalidInput
from desktop.models.identity import check_region_code, check_uscc
from desktop.models.names import check_employer_name, check_holder_name, check_person_name

CERT_KINDS = ("skill_level", "qualification")
PAYMENT_KINDS = ("bank", "sscard")


@dataclass(frozen=True)
class PriorSubsidy:
    occupation_code: str
    level: int
    granted_on: dt.date
    shortage: bool | None = None  # None: look it up in the region's catalogue, as the certificate's


@dataclass(frozen=True)
class Certificate:
    number: str
    kind: str
    level: int
    occupation_code: str
    issue_date: dt.date
    occupation_name: str | None = None
    shortage: bool | None = None  # None: look it up in the region's catalogue
    training_subsidy_claimed: bool = False  # cn-2024: 职业培训补贴 already paid for this certificate


@dataclass(frozen=True)
class Application:
    applicant_name: str
    id_number: str
    insured_region: str
    application_region: str
    contribution_months: int
    certificate: Certificate
    application_date: dt.date
    receiving_unemployment_benefit: bool = False
    prior_subsidies: tuple[PriorSubsidy, ...] = ()
    employer_uscc: str = ""  # normalised and checked; "" when not given (enterprise_employee: not verified)


@dataclass(frozen=True)
class Payment:
    kind: str
    account: str
    bank_name: str = ""
    holder_name: str = ""


@dataclass(frozen=True)
class Employer:
    name: str
    uscc: str = ""


@dataclass(frozen=True)
class Intake:
    application: Application
    payment: Payment
    employer: Employer
    phone: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# --- parsing -------------------------------------------------------------


def _obj(data: Any, path: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InvalidInput.about(path or "input", "value.not_object")
    return data


def _get(data: dict[str, Any], key: str, path: str, *, required: bool = True, default: Any = None) -> Any:
    if key not in data or data[key] is None:
        if required:
            raise InvalidInput.about(_join(path, key), "value.missing")
        return default
    return data[key]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _str(data: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
    value = _get(data, key, path, required=required, default="")
    if not isinstance(value, str):
        raise InvalidInput.about(_join(path, key), "value.not_text")
    if required and not value.strip():
        raise InvalidInput.about(_join(path, key), "value.empty")
    return value.strip()


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)  # any date a case can carry


def _shown(value: Any, limit: int = 30) -> str:
    """A value as the message quotes it: never thousands of characters on the one error line."""
    if isinstance(value, str):
        text = repr(value)
    else:
        text = str(value) if isinstance(value, int | float) else type(value).__name__
    return text if len(text) <= limit else f"{text[:limit]}…（共{len(text)}个字符）"


def _int(data: dict[str, Any], key: str, path: str, *, lo: int | None = None, hi: int | None = None) -> int:
    value = _get(data, key, path)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal() and len(value.strip()) <= 9:
        value = int(value.strip())  # "40" from a form; not "³²" (digits to Python, not to a person) nor 5000 digits
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput.about(_join(path, key), "value.not_integer", received=_shown(value))
    if lo is not None and value < lo or hi is not None and value > hi:
        raise InvalidInput.about(_join(path, key), "value.out_of_range", low=lo, high=hi, received=_shown(value))
    return value


def _bool(data: dict[str, Any], key: str, path: str, default: bool | None = False) -> bool | None:
    value = _get(data, key, path, required=False, default=default)
    if value is default:
        return default
    if not isinstance(value, bool):
        raise InvalidInput.about(_join(path, key), "value.not_boolean")
    return value


def parse_date(value: Any, field_name: str) -> dt.date:
    """Exactly ``YYYY-MM-DD`` (not the week or compact forms ISO also allows), a day that exists,
    between ``EARLIEST_DATE`` and ``LATEST_DATE``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif not isinstance(value, str):
        raise InvalidInput.about(field_name, "date.not_a_date", received=_shown(value))
    else:
        text = value.strip()
        match = _ISO_DATE.fullmatch(text)
        if match is None:
            raise InvalidInput.about(field_name, "date.bad_format", received=_shown(value))
        try:
            day = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise InvalidInput.about(field_name, "date.no_such_day", date=text) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InvalidInput.about(field_name, "date.out_of_range", date=day.isoformat(),
                                 first_year=EARLIEST_DATE.year, last_year=LATEST_DATE.year)
    return day


def _date(data: dict[str, Any], key: str, path: str) -> dt.date:
    return parse_date(_get(data, key, path), _join(path, key))


def _region(data: dict[str, Any], key: str, path: str) -> str:
    return check_region_code(_str(data, key, path), _join(path, key))


def _occupation_code(data: dict[str, Any], path: str) -> str:
    """NFKC without spaces, as ID numbers are: a full-width code is the same code, so it meets the
    prior subsidies and the ledger it is compared with."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _str(data, "occupation_code", path)))


def parse_certificate(data: Any, path: str = "certificate") -> Certificate:
    d = _obj(data, path)
    kind = _str(d, "kind", path)
    if kind not in CERT_KINDS:
        raise InvalidInput.about(_join(path, "kind"), "intake.bad_certificate_kind", received=repr(kind))
    return Certificate(
        number=_str(d, "number", path),
        kind=kind,
        level=_int(d, "level", path, lo=1, hi=5),
        occupation_code=_occupation_code(d, path),
        issue_date=_date(d, "issue_date", path),
        occupation_name=_str(d, "occupation_name", path, required=False) or None,
        shortage=_bool(d, "shortage", path, default=None),
        training_subsidy_claimed=bool(_bool(d, "training_subsidy_claimed", path, default=False)),
    )


def parse_prior(data: Any, path: str) -> PriorSubsidy:
    d = _obj(data, path)
    return PriorSubsidy(
        occupation_code=_occupation_code(d, path),
        level=_int(d, "level", path, lo=1, hi=5),
        granted_on=_date(d, "granted_on", path),
        shortage=_bool(d, "shortage", path, default=None),
    )


def _employer_uscc(data: dict[str, Any]) -> str:
    """The employer's credit code when the optional ``employer`` gives one; a bad code is bad input."""
    employer = _get(data, "employer", "", required=False)
    if employer is None:
        return ""
    code = _str(_obj(employer, "employer"), "uscc", "employer", required=False)
    return check_uscc(code, "employer.uscc") if code else ""


def parse_application(data: Any) -> Application:
    d = _obj(data, "")
    applicant = _obj(_get(d, "applicant", ""), "applicant")
    priors = _get(d, "prior_subsidies", "", required=False, default=[])
    if not isinstance(priors, list):
        raise InvalidInput.about("prior_subsidies", "value.not_list")
    return Application(
        applicant_name=check_person_name(_str(applicant, "name", "applicant"), "applicant.name"),
        id_number=_str(applicant, "id_number", "applicant"),
        insured_region=_region(d, "insured_region", ""),
        application_region=_region(d, "application_region", ""),
        contribution_months=_int(d, "contribution_months", "", lo=0, hi=1200),
        receiving_unemployment_benefit=bool(_bool(d, "receiving_unemployment_benefit", "")),
        certificate=parse_certificate(_get(d, "certificate", "")),
        application_date=_date(d, "application_date", ""),
        prior_subsidies=tuple(parse_prior(p, f"prior_subsidies[{i}]") for i, p in enumerate(priors)),
        employer_uscc=_employer_uscc(d),
    )


def _holder_name(pay: dict[str, Any]) -> str:
    """The account holder as given; "" when left out (the applicant, checked above)."""
    holder = _str(pay, "holder_name", "payment", required=False)
    return check_holder_name(holder, "payment.holder_name") if holder else ""


def parse_intake(data: Any) -> Intake:
    d = _obj(data, "")
    application = parse_application(d)
    pay = _obj(_get(d, "payment", ""), "payment")
    kind = _str(pay, "kind", "payment")
    if kind not in PAYMENT_KINDS:
        raise InvalidInput.about("payment.kind", "intake.bad_payment_kind", received=repr(kind))
    employer = _obj(_get(d, "employer", ""), "employer")
    return Intake(
        application=application,
        payment=Payment(
            kind=kind,
            account=_str(pay, "account", "payment"),
            bank_name=_str(pay, "bank_name", "payment", required=False),
            holder_name=_holder_name(pay) or application.applicant_name,
        ),
        employer=Employer(
            name=check_employer_name(_str(employer, "name", "employer"), "employer.name"),
            uscc=application.employer_uscc,
        ),
        phone=_str(d, "phone", "", required=False),
    )
