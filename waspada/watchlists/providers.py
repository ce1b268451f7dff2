"""The facts this app gives the screening: "watchlist" (D14), "broker" (D17), "identity" (D12).

"watchlist" and "broker" come from one check of the batch (`sync_matches`), shared by the
two providers: the batch is checked once, the index search is in memory, and the stored
matches are read (and brought up to date) with one query. Dismissed matches give no fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from waspada.applications.models import PassportApplication
from waspada.watchlists.identity import identity_facts
from waspada.watchlists.matching import (
    SyncResult,
    counts_as_fact,
    current_index,
    evidence_line,
    sync_matches,
)
from waspada.watchlists.models import ListType, MatchRole

_last: tuple[tuple[Any, ...], SyncResult] | None = None


def _batch_key(applications: Sequence[PassportApplication]) -> tuple[Any, ...]:
    return tuple(
        (
            app.pk,
            app.applicant.full_name,
            app.applicant.birth_date,
            app.applicant.sex,
            app.applicant.nik,
            app.sponsor_name,
            app.companion_name,
            app.recruiter_name,
        )
        for app in applications
    )


def checked(applications: Sequence[PassportApplication], *, fresh: bool) -> SyncResult:
    """The batch's matches, computed once for both providers of one `collect_facts`.

    The "watchlist" provider (registered, so called, first) always computes and leaves the
    result for the "broker" provider, which takes it once: a result is never reused by a
    later screening, which may follow a confirmation or dismissal in another process.
    """
    global _last
    index = current_index()
    key = (index.key, _batch_key(applications))
    if not fresh and _last is not None and _last[0] == key:
        result = _last[1]
        _last = None
        return result
    result = sync_matches(applications, index=index)
    _last = (key, result) if fresh else None
    return result


def forget() -> None:
    global _last
    _last = None


def _facts(
    applications: Sequence[PassportApplication], brokers: bool
) -> dict[int, tuple[str, ...]]:
    result = checked(applications, fresh=not brokers)
    facts: dict[int, tuple[str, ...]] = {}
    for application_id, matches in result.current.items():
        lines = []
        for match in matches:
            info = result.entries.get(match.entry_id)
            if info is None or not counts_as_fact(match):
                continue
            if brokers:
                if match.role == MatchRole.APPLICANT or info.list_type != ListType.KNOWN_BROKER:
                    continue
            elif match.role != MatchRole.APPLICANT:
                continue
            lines.append(evidence_line(match, info))
        if lines:
            facts[application_id] = tuple(lines)
    return facts


class WatchlistProvider:
    name = "watchlist"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
        return _facts(applications, brokers=False)


class BrokerProvider:
    name = "broker"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
        return _facts(applications, brokers=True)


class IdentityProvider:
    name = "identity"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
        return identity_facts(applications)
