"""Weighing evidence: clues add scores to candidate values, each with the reason; the best candidate wins only
when it is clearly ahead. The same shape serves doc_type, level and year."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from scripts.convert.rules.metadata import Clue, Weighing


@dataclass
class Candidate:
    value: object
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, weight: int, reason: str) -> None:
        self.score += weight
        self.reasons.append(f"{reason} {weight:+d}")


Ranking = dict[object, Candidate]


def weigh(clues: Iterable[Clue], parts: Mapping[str, str], value_of: Callable | None = None,
          ranking: Ranking | None = None) -> Ranking:
    """Add every clue's matches (at most `count` of each) to the ranking; of the clues marked `first`, only the
    first that matches. `value_of(clue, match)` gives the candidate a match supports, or None to skip the match;
    by default the clue's own value."""
    ranking = ranking if ranking is not None else {}
    first_found = False
    for clue in clues:
        if clue.first and first_found:
            continue
        counted = 0
        for part in clue.parts:
            for match in _matches(clue, parts.get(part, "")):
                value = value_of(clue, match) if value_of else clue.value
                if value is None:
                    continue
                add(ranking, value, clue.weight, f"{clue.name}「{_short(match.group())}」")
                counted += 1
                first_found = first_found or clue.first
                if counted >= clue.count:
                    break
            if counted >= clue.count:
                break
    return ranking


def add(ranking: Ranking, value: object, weight: int, reason: str) -> None:
    ranking.setdefault(value, Candidate(value)).add(weight, reason)


def pick(ranking: Ranking, weighing: Weighing) -> object | None:
    """The best candidate when it scores at least min_score and leads the next by min_margin; else None."""
    ranked = sorted(ranking.values(), key=lambda candidate: -candidate.score)
    if not ranked or ranked[0].score < weighing.min_score:
        return None
    if len(ranked) > 1 and ranked[0].score - ranked[1].score < weighing.min_margin:
        return None
    return ranked[0].value


def describe(ranking: Ranking) -> list[str]:
    """The ranking, best first, one line per candidate with its reasons (for --explain)."""
    ranked = sorted(ranking.values(), key=lambda candidate: -candidate.score)
    return [f"{candidate.value}: {candidate.score}（{'；'.join(candidate.reasons)}）" for candidate in ranked]


def _matches(clue: Clue, text: str):
    return clue.pattern.finditer(text) if text else ()


def _short(text: str, limit: int = 24) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"
