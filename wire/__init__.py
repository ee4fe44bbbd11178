"""The wire protocol between a counter and the central system: the ONE definition.

Both sides import these pydantic models: the counter's sync client (``desktop/sync``)
builds and reads them, the reference central system (``central/``) validates requests
and answers with them, and its OpenAPI document (``/openapi.json``) is generated from
them.  Pure: pydantic and the standard library; it imports neither ``desktop`` nor
``central`` (``tests/test_layering.py`` checks), no Qt, no SQLAlchemy.

The parts, each importable on its own (``from wire import PushBatch`` finds any name):

==================  =======================================================================
``limits``          the protocol version, body and batch sizes, name lengths, field bounds
``streams``         the pull streams, the registry rows' columns, reference folders
``message``         the base of every message (unknown fields ignored), aware times
``enrolment``       enrolment and credential rotation
``push``            the outbox items a counter pushes, the answer per item, the case snapshot
``pull``            cursors, ledger entries, annotations, reference files
``audit_anchor``    the audit chain head a pull carries and the one the central system recorded
``registry``        the person lookup and the field day's employer preload
``progress``        the applicant's progress lookup
``status``          the central system's figures and health
==================  =======================================================================

``limits`` and ``streams`` are the standard library only and the package loads its parts
at first use, so the counter's window reads the name limits at start without pydantic.

Endpoints (all under ``API_PREFIX``; every one but ``/enrol``, ``/progress``
and ``/healthz`` needs ``Authorization: Bearer <device credential>``):

==========================  ============================  ======================
POST /v1/enrol              EnrolRequest                  EnrolResponse
POST /v1/push               PushBatch                     PushAnswer (403: PushRefused)
POST /v1/pull               PullRequest                   PullAnswer
POST /v1/registry/person    PersonQuery                   PersonAnswer
POST /v1/registry/employers EmployerQuery                 EmployerAnswer
POST /v1/progress           ProgressQuery                 ProgressAnswer (404 without a match)
POST /v1/rotate                                           RotateAnswer
POST /v1/audit/anchor                                     AnchorAnswer
GET  /v1/stats                                            Stats
GET  /healthz                                             Health
==========================  ============================  ======================

Limits (issue 14.7, 14.5): a body over ``MAX_BODY_BYTES`` is refused with 413; a value outside a
field's bounds with 422; too many wrong lookup codes from one client address (per case number, and
over all case numbers) or too many person lookups by one device in a minute with 429 and
``Retry-After``.  A person lookup from outside the person's insured pooling area answers only
``insured_elsewhere``.  A credential unused for a while (90 days by default) is refused with 401 and
a reason to register again; a device rotates its credential with ``/v1/rotate``.

Personal data never travels in a URL (URLs end up in access logs): lookups
are POSTs with a JSON body.

Push semantics: every item carries the outbox row's ``idempotency_key``; the
central system applies an item at most once and answers per item, in the
order sent: ``applied`` (now), ``already_applied`` (an earlier request did;
the client lost the answer) or ``rejected`` with a ``reason`` (a person must
look at it; the client does not retry it blindly).  A batch that holds a
change to another office's case is refused as a whole with 403 and a
``PushRefused`` body naming the offending keys; nothing of it is applied.
A case number must begin with the device's own office code (``{office}-``):
another office's number is refused the same way (issue 14.3).  A
``case.payment_exported`` of a case that already has a disbursement in
another batch, pending or paid, is ``rejected`` (issue 14.1); the central
system settles a batch's disbursement from ``case.paid`` /
``case.payment_failed`` (the batch in ``event.batch_no``, or
``event.payment_batch``).

Audit anchor (issue 14.4): every pull carries the counter's audit chain head (``AuditHead``: the last
entry's seq and hash) and proves the entry the central system recorded last (``proof_seq``, the seq of
the ``audit_anchor`` it was last answered, and that entry's hash now).  The central system keeps the
recent heads of each device; a chain shorter than it recorded (``audit_backwards``: an older copy of
the database, a restore), an entry whose hash is not the one recorded (``audit_fork``: entries
rewritten and the chain re-hashed), a proof of an entry it never recorded (``audit_unproven``) or a
pull without a head from a device that sent one before (``audit_head_missing``) is flagged for the
central administrator once, and the device is anchored afresh at the head it sent.  The answer's
``audit_anchor`` is what the central system now holds; ``/v1/audit/anchor`` tells a counter the same,
so ``audit verify`` can check its chain against it.

Pull semantics: one cursor per stream (``STREAMS``), a monotonic change
sequence number on the central system.  The answer holds what changed after
each cursor (at most ``limit`` rows per stream), the new cursors, and
``more`` when another request would bring more.  Registry rows come for the
device's region (first four digits of the office code) only.

Field preload (``/v1/registry/employers``, added for field mode): before a
day at an industrial park, a laptop asks for the registry rows of the park's
employers (by unified social credit code or exact name) in its region, and
every national ledger entry of those people, in one answer, without pulling
the whole region.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The pure parts first: a constant is found without loading pydantic.
_PARTS = ("limits", "streams", "message", "enrolment", "push", "audit_anchor", "pull", "registry", "progress",
          "status")

if TYPE_CHECKING:  # the names as mypy and editors see them (a misspelt one is an error); at run time, below
    from wire.audit_anchor import *  # noqa: F403
    from wire.enrolment import *  # noqa: F403
    from wire.limits import *  # noqa: F403
    from wire.message import *  # noqa: F403
    from wire.progress import *  # noqa: F403
    from wire.pull import *  # noqa: F403
    from wire.push import *  # noqa: F403
    from wire.registry import *  # noqa: F403
    from wire.status import *  # noqa: F403
    from wire.streams import *  # noqa: F403
else:

    def __getattr__(name: str) -> Any:
        """A public name of one of the parts (its ``__all__``), loaded at first use and kept here."""
        if not name.startswith("_"):
            for part in _PARTS:
                module = importlib.import_module(f"{__name__}.{part}")
                if name in module.__all__:
                    value = getattr(module, name)
                    globals()[name] = value
                    return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
