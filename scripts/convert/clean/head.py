"""The head of a report: the lines above its body, where web pages put their headings and the title.

Pages repeat a title (page heading, then the text's own), mark a compilation and its parts (`…（共9篇）`,
`第一篇 …2150字`, `…篇1`) and break a title over lines (`政府工作报` / `告`). Cleaning the head leaves the
report's own title as its first line; every removal and join is recorded, and no other text is lost.
Patterns are matched on the simplified form of a line, so that traditional text is read alike.
"""
from __future__ import annotations

import re

from scripts.convert.model import Change
from scripts.convert.rules import HeadRules
from scripts.convert.simplify import to_simplified


def clean_head(text: str, rules: HeadRules) -> tuple[str, list[Change]]:
    lines = text.split("\n")
    changes = _split_glued_title(lines, rules) + _drop_previews(lines, rules) + _unpack_title_lines(lines, rules)
    lines = "\n".join(lines).split("\n")  # a title split from its subtitle is two lines from here on
    for step in (_drop_repeats, _strip_markers, _join_split_title, _title_first):
        changes += step(lines, find_head(lines, rules), rules)
    return "\n".join(lines), changes


_NOT_COMPARED = re.compile(r"[\W_]+")
_LEADING_NUMBER = re.compile(r"^\s*\d{1,2}[.、．]")
_DIGIT = re.compile(r"\d")


def _key(line: str) -> str:
    """A line as compared with another: simplified, without spaces and punctuation."""
    return _NOT_COMPARED.sub("", to_simplified(line)).lower()


def _split_glued_title(lines: list[str], rules: HeadRules) -> list[Change]:
    """A document flattened into one long line (`1、党政办年度工作总结 党政办年度工作总结 今年是…`): its title
    becomes a line of its own; a page-chunk number before it and a repeat of it after it go."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or len(lines[first]) < rules.glued_min_chars:
        return []
    line = lines[first].strip()
    match = rules.glued_title.match(to_simplified(line))
    if not match:
        return []
    title, rest = line[match.start("title"):match.end("title")].strip(), line[match.end("title"):].strip()
    repeat = rest[:len(title)]
    changes = [Change("title-split", line[:match.end("title") + 12] + "…", f"{title}⏎{rest[:12]}…")]
    if match.start("title"):
        changes.append(Change("page-chunk-number", line[:match.start("title")]))
    if _key(repeat) == _key(title):
        changes.append(Change("repeated-title", repeat))
        rest = rest[len(title):].strip()
    lines[first:first + 1] = [title, rest]
    return changes


def _unpack_title_lines(lines: list[str], rules: HeadRules) -> list[Change]:
    """A title in a portal's metadata field (`名称: | … |`) stands on its own line; a title with its subtitle on
    one line (`…工作报告——2010年1月31日在…上`) becomes two lines."""
    changes = []
    for i in find_head(lines, rules):
        simple = to_simplified(lines[i].strip())
        if match := rules.field_title.match(simple):
            title = lines[i].strip()[match.start("title"):match.end("title")]
            changes.append(Change("title-from-field", lines[i], title))
            lines[i] = title
        elif (match := rules.title_subtitle.match(simple)) and is_title(simple[:match.end("title")], rules):
            line = lines[i].strip()
            lines[i] = f"{line[:match.end('title')]}\n{line[match.start('subtitle'):]}"
            changes.append(Change("subtitle-split", line, lines[i].replace("\n", "⏎")))
    return changes


def _drop_previews(lines: list[str], rules: HeadRules) -> list[Change]:
    """A page's preview of the text (its first lines run together and cut short) above the text itself goes:
    what it shows follows in full."""
    changes = []
    nonblank = [i for i, line in enumerate(lines) if line.strip()][:rules.preview_within_lines]
    for position, i in enumerate(nonblank):
        shown = _key(lines[i])
        if len(shown) < rules.preview_min_chars:
            continue
        following = _key("".join(lines[j] for j in nonblank[position + 1:]))
        if following.startswith(shown[:int(len(shown) * rules.preview_share)]):
            changes.append(Change("preview", lines[i]))
            lines[i] = ""
    return changes


def find_head(lines: list[str], rules: HeadRules) -> list[int]:
    """Indexes of the non-blank lines above the body (its first salutation, heading or sentence)."""
    head = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if rules.body_start.search(to_simplified(line)) or len(head) >= rules.max_lines:
            break
        head.append(i)
    return head


def is_title(line: str, rules: HeadRules, next_line: str = "") -> bool:
    """A line that ends like a report's title, or a short line right above a `——…` subtitle."""
    simple = to_simplified(line.strip())
    if rules.not_title.search(simple):
        return False
    above_subtitle = rules.short_title.fullmatch(simple) and rules.dash_subtitle.match(to_simplified(next_line.strip()))
    return bool(rules.title.search(simple) or above_subtitle)


def _strip_markers(lines: list[str], head: list[int], rules: HeadRules) -> list[Change]:
    """Compilation counts and part markers come off a head line. Above another title line, a line that had
    one is the page's heading for the compilation or the part, and goes whole."""
    changes = []
    for position, i in enumerate(head):
        simple = to_simplified(lines[i])
        if not rules.marker.search(simple):
            continue
        below = [j for j in head[position + 1:] if lines[j]]
        if below and is_title(lines[below[0]], rules) or not rules.marker.sub("", simple).strip():
            changes.append(Change("compilation-heading", lines[i]))
            lines[i] = ""
        else:
            stripped = _strip_same_positions(lines[i], simple, rules)
            changes.append(Change("compilation-marker", lines[i], stripped))
            lines[i] = stripped
    return changes


def _strip_same_positions(line: str, simple: str, rules: HeadRules) -> str:
    """The line without the marker spans found in its simplified copy (which has the same length)."""
    keep = [True] * len(line)
    for match in rules.marker.finditer(simple):
        keep[match.start():match.end()] = [False] * (match.end() - match.start())
    return "".join(char for char, kept in zip(line, keep) if kept).strip()


def _drop_repeats(lines: list[str], head: list[int], rules: HeadRules) -> list[Change]:
    """A head line that a later head line repeats, compilation markers aside (a page heading above the text's
    own title), goes."""
    def key(line: str) -> str:
        return _key(_LEADING_NUMBER.sub("", rules.marker.sub("", to_simplified(line))))

    changes = []
    for position, i in enumerate(head):
        later = {key(lines[j]) for j in head[position + 1:] if lines[j]}
        if lines[i] and key(lines[i]) in later:
            changes.append(Change("repeated-title", lines[i]))
            lines[i] = ""
    return changes


def _join_split_title(lines: list[str], head: list[int], rules: HeadRules) -> list[Change]:
    """Short lines in a row become one title line when only together they end like a title (`政府工作报` + `告`,
    `中国人民政治协商会议` + `…常务委员会` + `工 作 报 告`), or when two stand together above a `——` subtitle."""
    head = [i for i in head if lines[i]]
    if changes := _join_title_of_three(lines, head, rules):
        return changes
    for position, (a, b) in enumerate(zip(head, head[1:])):
        first, second = lines[a].strip(), lines[b].strip()
        if not (rules.short_line.fullmatch(first) and rules.short_line.fullmatch(second)) \
                or rules.not_title.search(to_simplified(first)):
            continue
        continued = rules.continuation.match(to_simplified(second)) or not is_title(first, rules)
        before_subtitle = position + 2 < len(head) and rules.subtitle.search(to_simplified(lines[head[position + 2]]))
        glued = continued and is_title(first + second, rules) and not rules.subtitle.search(second)
        if glued or (before_subtitle and not is_title(first, rules) and not rules.subtitle.search(first)):
            joined = first + second if glued else f"{first} {second}"
            lines[a], lines[b] = joined, ""
            return [Change("title-rejoined", f"{first}⏎{second}", joined)]
    return []


def _join_title_of_three(lines: list[str], head: list[int], rules: HeadRules) -> list[Change]:
    for a, b, c in zip(head, head[1:], head[2:]):
        parts = [lines[i].strip() for i in (a, b, c)]
        if all(rules.short_line.fullmatch(part) for part in parts) and is_title(parts[2], rules) \
                and not any(rules.kind_word.search(part) or rules.subtitle.search(part) or _DIGIT.search(part)
                            for part in parts[:2]):
            lines[a], lines[b], lines[c] = "".join(parts), "", ""
            return [Change("title-rejoined", "⏎".join(parts), lines[a])]
    return []


def _title_first(lines: list[str], head: list[int], rules: HeadRules) -> list[Change]:
    """The report's own title (the last title line above a subtitle or the body) becomes the first line; the
    page's own heading lines above it stay, below it."""
    title = None
    for position, i in enumerate(head):
        if rules.subtitle.search(to_simplified(lines[i])) and title is not None:
            break
        following = next((lines[j] for j in head[position + 1:] if lines[j]), "")
        if lines[i] and is_title(lines[i], rules, following):
            title = i
    first = next((i for i in head if lines[i]), None)
    if title is None or title == first:
        return []
    moved = lines.pop(title)
    lines.insert(first, moved)
    return [Change("title-first", moved, moved)]
