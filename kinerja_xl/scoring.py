"""Capaian (achievement), predikat and quarter aggregation — in Python *and* as Excel formulas.

Each computation has a Python function and an ``*_excel`` twin that renders
the same arithmetic, in the same order, over cell references; tests prove the
two agree in LibreOffice Calc. Blank inputs and a zero target give "no value"
(``None`` / ``""``), never an error value.

Capaian rules (``../shared/domain/SAKIP.md``):

* positif: ``R / T × 100``;
* negatif, linear (default): ``(2T − R) / T × 100``; rasio: ``T / R × 100`` (R = 0 → 100);
* a range target ``L–H``: 100 inside; below the range compare with L, above with H —
  positif uses the positive rule on both sides, negatif the negative rule on both,
  rentang ("stabil") the positive rule below and the negative rule above.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja_xl.catalog.model import Agregasi, Polaritas, RumusNegatif, Skala, Target

Value = float | None


# --- capaian ------------------------------------------------------------------


def _pos(r: float, t: float) -> Value:
    return None if t == 0 else r / t * 100


def _neg(r: float, t: float, rule: RumusNegatif) -> Value:
    if rule is RumusNegatif.RASIO:
        return 100.0 if r == 0 else t / r * 100
    return None if t == 0 else (2 * t - r) / t * 100


def capaian(realisasi: Value, target: Target | None, polaritas: Polaritas,
            rule: RumusNegatif = RumusNegatif.LINEAR) -> Value:
    """Achievement in percent, uncapped; ``None`` when it cannot be computed."""
    if realisasi is None or target is None:
        return None
    r, lo, hi = float(realisasi), target.low, target.high
    if not target.is_range:
        if polaritas is Polaritas.POSITIF:
            return _pos(r, lo)
        if polaritas is Polaritas.NEGATIF:
            return _neg(r, lo, rule)
        if lo == 0:
            return None
        return _pos(r, lo) if r <= lo else _neg(r, lo, rule)
    if r < lo:
        return _neg(r, lo, rule) if polaritas is Polaritas.NEGATIF else _pos(r, lo)
    if r > hi:
        return _pos(r, hi) if polaritas is Polaritas.POSITIF else _neg(r, hi, rule)
    return 100.0


def _pos_x(r: str, t: str) -> str:
    return f'IF({t}=0,"",{r}/{t}*100)'


def _neg_x(r: str, t: str, rule: RumusNegatif) -> str:
    if rule is RumusNegatif.RASIO:
        return f"IF({r}=0,100,{t}/{r}*100)"
    return f'IF({t}=0,"",(2*{t}-{r})/{t}*100)'


def capaian_excel(r: str, lo: str, hi: str | None, is_range: bool, polaritas: Polaritas,
                  rule: RumusNegatif = RumusNegatif.LINEAR) -> str:
    """Excel formula (with ``=``) twin of :func:`capaian`.

    ``r``, ``lo``, ``hi`` are cell references (or number literals); ``hi`` is
    only used for a range target.
    """
    if not is_range:
        if polaritas is Polaritas.POSITIF:
            body = _pos_x(r, lo)
        elif polaritas is Polaritas.NEGATIF:
            body = _neg_x(r, lo, rule)
        else:
            body = f'IF({lo}=0,"",IF({r}<={lo},{_pos_x(r, lo)},{_neg_x(r, lo, rule)}))'
        return f'=IF(COUNT({r},{lo})<2,"",{body})'
    assert hi is not None
    below = _neg_x(r, lo, rule) if polaritas is Polaritas.NEGATIF else _pos_x(r, lo)
    above = _pos_x(r, hi) if polaritas is Polaritas.POSITIF else _neg_x(r, hi, rule)
    return f'=IF(COUNT({r},{lo},{hi})<3,"",IF({r}<{lo},{below},IF({r}>{hi},{above},100)))'


# --- cap and predikat ------------------------------------------------------------


def capped(value: Value, limit: float | None) -> Value:
    """The capaian shown after the catalog's cap (the uncapped value stays visible elsewhere)."""
    if value is None or limit is None:
        return value
    return min(value, limit)


def capped_excel(ref: str, limit: float | None) -> str:
    if limit is None:
        return f'=IF(COUNT({ref})=0,"",{ref})'
    return f'=IF(COUNT({ref})=0,"",MIN({ref},{limit:g}))'


def predikat(value: Value, skala: Skala) -> str | None:
    return skala.predikat(value)


def predikat_excel(ref: str, bounds: str, labels: str) -> str:
    """``bounds``/``labels``: absolute ranges of the Skala table, bounds ascending from 0."""
    return f'=IF(COUNT({ref})=0,"",LOOKUP(MAX({ref},0),{bounds},{labels}))'


# --- aggregation over quarters ---------------------------------------------------


def aggregate(values: Sequence[Value], agregasi: Agregasi) -> Value:
    """Aggregate quarter values (blank = not reported) by the indicator's aggregation type."""
    reported = [float(v) for v in values if v is not None]
    if not reported:
        return None
    if agregasi is Agregasi.KUMULATIF:
        return sum(reported)
    if agregasi is Agregasi.RATA_RATA:
        return sum(reported) / len(reported)
    return reported[-1]


def aggregate_excel(refs: Sequence[str], agregasi: Agregasi) -> str:
    """Excel twin of :func:`aggregate` over the quarter cells ``refs`` (in quarter order)."""
    args = ",".join(refs)
    if agregasi is Agregasi.KUMULATIF:
        return f'=IF(COUNT({args})=0,"",SUM({args}))'
    if agregasi is Agregasi.RATA_RATA:
        return f'=IF(COUNT({args})=0,"",AVERAGE({args}))'
    expr = '""'
    for ref in refs:
        expr = f"IF(ISNUMBER({ref}),{ref},{expr})"
    return f"={expr}"
