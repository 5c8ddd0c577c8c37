"""Texts of the recap that several sheets share: quarter labels and the bidang's explanations."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence

from kinerja_xl.period import ROMAN

#: The most characters the recap writes in a cell (Excel keeps at most 32,767).
MAX_TEXT = 32_000


def lines_within(lines: Iterable[str], rest: Callable[[int], str], limit: int = MAX_TEXT) -> str:
    """``lines`` one a line, as many whole lines as a cell holds (``limit`` characters); when some do
    not fit, a last line ``rest(how many)`` says so (and where to read them), instead of a cell cut
    in the middle of a line (only a first line longer than the cell is cut). A recap of a thousand
    units has thousands of such lines: the ones left out are counted, never joined."""
    kept: list[str] = []
    room = limit - len(rest(10 ** 9)) - 1  # the closing line always fits
    used = -1  # no newline before the first line
    left_out = 0
    for line in lines:
        if not kept and len(line) > room:  # one line longer than a cell: its start, cut
            line = line[:room - 1] + "…"
        if left_out or used + 1 + len(line) > room:
            left_out += 1
            continue
        kept.append(line)
        used += 1 + len(line)
    if left_out:
        kept.append(rest(left_out))
    return "\n".join(kept)


def tw_label(q: int) -> str:
    return f"TW {ROMAN[q - 1]}"


def joined_texts(parts: Sequence[tuple[int, str]], single: bool, sep: str = "\n") -> str:
    """The texts of the period's quarters, each labelled; the same text in several quarters is
    written once (``TW I, II: …``). ``single`` (a quarterly recap): the latest text alone."""
    parts = [(q, t.strip()) for q, t in parts if t and t.strip()]
    if single:
        return parts[-1][1] if parts else ""
    by_text: dict[str, list[int]] = {}
    for q, t in parts:
        by_text.setdefault(t, []).append(q)
    # interned: the rows of many units often carry the same text (one copy, however many units)
    return sys.intern(sep.join(f"TW {', '.join(ROMAN[q - 1] for q in qs)}: {t}" for t, qs in by_text.items()))


def place(pemerintah_daerah: str) -> str:
    """``Pemerintah Kabupaten Contoh`` → ``Kabupaten Contoh``."""
    text = pemerintah_daerah.strip()
    return text[len("Pemerintah "):] if text.lower().startswith("pemerintah ") else text
