"""What a piece of work changed (issue 18.4): said once where the work is done, heard by every screen.

After Anki's ``OpChanges``: a service's caller says what its work touched — these cases, the outbox,
the field mode, the staff list — and one Qt adapter (``views.tasks.TaskRunner.changed``) tells every
page that subscribed.  A page decides for itself what to do (update a row in place, refresh, nothing);
nobody wires one page to another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    cases: frozenset[str] = frozenset()  # ids of cases whose record changed (new ones included)
    outbox: bool = False  # changes wait for the central system: the next sync round should not wait
    field_mode: bool = False  # the data folder went out to a park or came back
    staff: bool = False  # accounts created, disabled or changed

    @classmethod
    def of_cases(cls, *case_ids: str) -> Changes:
        """Cases changed by a service: each change is queued for the central system too."""
        return cls(cases=frozenset(i for i in case_ids if i), outbox=True)

    @property
    def empty(self) -> bool:
        return not (self.cases or self.outbox or self.field_mode or self.staff)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.cases | other.cases, self.outbox or other.outbox, self.field_mode or other.field_mode,
                       self.staff or other.staff)
