"""Rejoin lines that a scraper or a hard wrap broke out of their paragraph; record every join with its rule."""
from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.convert.model import Change
from scripts.convert.rules.rejoin import RejoinRules, Width

BREAK = "⏎"  # stands for a removed line break in the record of a join
_CONTEXT = 12  # characters kept on each side of the break in that record


@dataclass(frozen=True)
class _Break:
    """A line break: the paragraph before it (earlier joins included), the line after it, the raw lines around."""
    paragraph: str
    line: str
    blank_lines: int
    last_line: str  # the raw line just before the break
    line_before: str | None  # the raw line before that one, unless more blank lines lie between than joins reach


def rejoin_lines(text: str, rules: RejoinRules) -> tuple[str, list[Change]]:
    """Join each line to the paragraph before it when a rule says it continues it; lines that are not joined,
    blank lines between paragraphs and every character of text stay. Passes repeat until no rule joins any
    more (a paragraph put together from short pieces can itself look cut at the width of the next line)."""
    changes: list[Change] = []
    while True:
        text, joins = _rejoin_once(text, rules)
        if not joins:
            return text, changes
        changes += joins


def _rejoin_once(text: str, rules: RejoinRules) -> tuple[str, list[Change]]:
    out: list[str] = []
    changes: list[Change] = []
    last: int | None = None  # index in `out` of the paragraph that the next line may continue
    raw: list[tuple[str, int]] = []  # each non-blank line read so far, with the number of blank lines before it
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            continue
        blanks = len(out) - last - 1 if last is not None else len(out)
        rule = _find_join(_make_break(out[last], line, blanks, raw, rules), rules) if last is not None else None
        if rule:
            joined, change = _join(out[last], line, blanks, rule)
            out[last:] = [joined]
            changes.append(change)
        else:
            out.append(line)
            last = len(out) - 1
        raw.append((line.strip(), blanks))
    return "\n".join(out), changes


def _make_break(paragraph: str, line: str, blanks: int, raw: list[tuple[str, int]], rules: RejoinRules) -> _Break:
    reach = max((join.max_blank_lines for join in rules.joins if join.width), default=0)
    line_before = raw[-2][0] if len(raw) > 1 and raw[-1][1] <= reach else None
    return _Break(paragraph.strip(), line.strip(), blanks, raw[-1][0], line_before)


def _find_join(brk: _Break, rules: RejoinRules) -> str | None:
    """The name of the first rule that joins across this break, or None when the line starts a new block."""
    if _starts_block(brk.line, rules) or _repeats(brk.paragraph, brk.line, rules.repeat_chars):
        return None
    ended = bool(rules.sentence_end.search(brk.paragraph))
    heading = _is_heading(brk.paragraph, rules)
    for join in rules.joins:
        if (join.min_blank_lines <= brk.blank_lines <= join.max_blank_lines and (join.after_sentence_end or not ended)
                and (join.after_heading or not heading)
                and _finds(join.before, brk.paragraph) and _finds(join.last_line, brk.last_line)
                and _finds(join.after, brk.line)
                and (join.width is None or _is_cut(brk, join.width, rules.sentence_end))):
            return join.name
    return None


def _is_cut(brk: _Break, width: Width, sentence_end: re.Pattern[str]) -> bool:
    """The line before the break is as long as the line after it, or as the line before it (also cut)."""
    before = brk.line_before
    cut = _similar(len(brk.last_line), len(brk.line), width) or (
        before is not None and _similar(len(before), len(brk.last_line), width) and not sentence_end.search(before))
    return cut and bool(width.prose.search(brk.paragraph) or width.prose.search(brk.line))


def _similar(first: int, second: int, wrap: Width) -> bool:
    shorter, longer = sorted((first, second))
    return wrap.min_chars <= shorter and longer <= wrap.max_chars and shorter * 100 >= longer * wrap.similar_percent


def _is_heading(paragraph: str, rules: RejoinRules) -> bool:
    """The last sentence starts like a block and is short: a heading, maybe glued to the text before it."""
    last_sentence = rules.sentence_stop.split(paragraph)[-1].lstrip()
    return len(last_sentence) <= rules.heading_max_chars and _starts_block(last_sentence, rules)


def _starts_block(line: str, rules: RejoinRules) -> bool:
    return any(rule.pattern.search(line) for rule in rules.block_start)


def _repeats(paragraph: str, line: str, chars: int) -> bool:
    return len(paragraph) >= chars and line.startswith(paragraph[:chars])


def _finds(pattern: re.Pattern[str] | None, text: str) -> bool:
    return pattern is None or bool(pattern.search(text))


def _join(paragraph: str, line: str, blanks: int, rule: str) -> tuple[str, Change]:
    """Drop the break, the blank lines and the spaces around it; two Latin words keep one space between them."""
    left, right = paragraph.rstrip(), line.lstrip()
    glue = " " if _is_latin_letter(left[-1]) and _is_latin_letter(right[0]) else ""
    tail, head = left[-_CONTEXT:], right[:_CONTEXT]
    return left + glue + right, Change(rule, tail + BREAK * (blanks + 1) + head, tail + glue + head)


def _is_latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()
