"""Hearings: what each stakeholder answered, and the criterion weights derived from the answers.

Answers are validated against the plan before they are recorded; the same answers
again record nothing, and different answers for someone already heard need a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from toolbench.methods.hearings import (
    HEARING_RECORDED,
    WEIGHT_KINDS,
    Answers,
    HearingError,
    Respondent,
    WeightsResult,
    answers_payload,
    compute_weights,
    current_hearings,
    respondent_weights,
)
from toolbench.model.plan import Plan
from toolbench.store.ledger import Event, Ledger, LedgerView, NewEvent, require_intact

__all__ = ["Hearings"]


@dataclass(frozen=True)
class Hearings:
    """The hearings of one workspace and the weights they give."""

    plan: Plan
    ledger: Ledger

    def record_hearing(
        self,
        respondent: Respondent,
        answers: Answers,
        *,
        actor: str,
        reason: str | None = None,
        now: datetime | None = None,
    ) -> Event | None:
        """Record one respondent's hearing, validated against the plan first.

        The same answers again record nothing (None), so re-importing a file is
        harmless; different answers for a respondent already heard need a reason.
        """
        respondent_weights(self.plan, respondent, answers)  # raises HearingError naming the problem
        payload = answers_payload(respondent, answers)

        def decide(view: LedgerView) -> list[NewEvent]:
            events = list(view.events(WEIGHT_KINDS))
            previous = next((h for h in current_hearings(events) if h.respondent.id == respondent.id), None)
            body = payload
            if previous is not None:
                if answers_payload(previous.respondent, previous.answers) == payload:
                    return []
                if not reason:
                    raise HearingError("hearing.reason_required", respondent=respondent.id, seq=previous.seq)
                body = payload | {"supersedes": previous.seq, "reason": reason}
            return [NewEvent(HEARING_RECORDED, body, actor, self.plan.hash)]

        recorded = self.ledger.append_viewed(decide, now=now)
        return recorded[0] if recorded else None

    def record_hearings(
        self, hearings: Sequence[tuple[Respondent, Answers]], *, actor: str, reason: str | None = None
    ) -> int:
        """Record several hearings in one transaction (all or none), e.g. from an import.

        Each is validated first; respondents already heard with the same answers are
        skipped; a respondent already heard with different answers is refused unless
        a `reason` is given, which then goes with each correction. Returns how many
        were recorded.
        """
        for respondent, answers in hearings:
            respondent_weights(self.plan, respondent, answers)

        def decide(view: LedgerView) -> list[NewEvent]:
            events = list(view.events(WEIGHT_KINDS))
            current = {h.respondent.id: h for h in current_hearings(events)}
            new: list[NewEvent] = []
            for respondent, answers in hearings:
                payload = answers_payload(respondent, answers)
                previous = current.get(respondent.id)
                if previous is not None:
                    if answers_payload(previous.respondent, previous.answers) == payload:
                        continue
                    if not reason:
                        raise HearingError("hearing.reason_required", respondent=respondent.id, seq=previous.seq)
                    payload = payload | {"supersedes": previous.seq, "reason": reason}
                new.append(NewEvent(HEARING_RECORDED, payload, actor, self.plan.hash))
            return new

        return len(self.ledger.append_viewed(decide))

    def weights(self) -> WeightsResult | None:
        """Hearing-derived weights as of now (None while nobody has been heard).

        Like the matrix, a report of weights is never drawn from a broken chain.
        """
        require_intact(self.ledger)
        return compute_weights(self.plan, self.ledger.events_of(WEIGHT_KINDS))
