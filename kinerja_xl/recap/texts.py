"""Texts of the recap that several sheets share: quarter labels and the bidang's explanations."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kinerja_xl.period import ROMAN


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
