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
  rentang ("stabil") the positive rule below and the negative rule above;
* target 0 (e.g. "temuan berulang: 0"): the ratio is undefined, so the rule is all or
  nothing — positive: R ≥ 0 → 100, R < 0 → 0; negative (linear): R ≤ 0 → 100, R > 0 → 0
  (the rasio rule gives the same: T / R = 0 for R > 0, and R = 0 → 100).

The figure that is judged is *bounded* (:func:`capped`): at most the catalog's cap and at
least its floor (default 0), so a negative capaian never drags an average down; the
unbounded value stays visible beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja_xl.catalog.model import Agregasi, Polaritas, RumusNegatif, Skala, Target

Value = float | None


# --- capaian ------------------------------------------------------------------


def _pos(r: float, t: float) -> Value:
    if t == 0:
        return 100.0 if r >= 0 else 0.0
    return r / t * 100


def _neg(r: float, t: float, rule: RumusNegatif) -> Value:
    if rule is RumusNegatif.RASIO:
        return 100.0 if r == 0 else t / r * 100
    if t == 0:
        return 100.0 if r <= 0 else 0.0
    return (2 * t - r) / t * 100


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
        return _pos(r, lo) if r <= lo else _neg(r, lo, rule)
    if r < lo:
        return _neg(r, lo, rule) if polaritas is Polaritas.NEGATIF else _pos(r, lo)
    if r > hi:
        return _pos(r, hi) if polaritas is Polaritas.POSITIF else _neg(r, hi, rule)
    return 100.0


def _pos_x(r: str, t: str) -> str:
    return f"IF({t}=0,IF({r}>=0,100,0),{r}/{t}*100)"


def _neg_x(r: str, t: str, rule: RumusNegatif) -> str:
    if rule is RumusNegatif.RASIO:
        return f"IF({r}=0,100,{t}/{r}*100)"
    return f"IF({t}=0,IF({r}<=0,100,0),(2*{t}-{r})/{t}*100)"


def capaian_excel(r: str, lo: str, hi: str | None, is_range: bool, polaritas: Polaritas,
                  rule: RumusNegatif = RumusNegatif.LINEAR, floor: float | None = None) -> str:
    """Excel formula (with ``=``) twin of :func:`capaian` (of ``capped(capaian(...), None, floor)``
    when a ``floor`` is given).

    ``r``, ``lo``, ``hi`` are cell references (or number literals); ``hi`` is
    only used for a range target.
    """
    if not is_range:
        if polaritas is Polaritas.POSITIF:
            body = _pos_x(r, lo)
        elif polaritas is Polaritas.NEGATIF:
            body = _neg_x(r, lo, rule)
        else:
            body = f"IF({r}<={lo},{_pos_x(r, lo)},{_neg_x(r, lo, rule)})"
        refs = [r, lo]
    else:
        assert hi is not None
        below = _neg_x(r, lo, rule) if polaritas is Polaritas.NEGATIF else _pos_x(r, lo)
        above = _pos_x(r, hi) if polaritas is Polaritas.POSITIF else _neg_x(r, hi, rule)
        body = f"IF({r}<{lo},{below},IF({r}>{hi},{above},100))"
        refs = [r, lo, hi]
    if floor is not None:
        body = f"MAX({body},{floor:g})"
    return f'=IF(COUNT({",".join(refs)})<{len(refs)},"",{body})'


# --- cap and predikat ------------------------------------------------------------


def capped(value: Value, limit: float | None, floor: float | None = None) -> Value:
    """The capaian that is judged: at most the cap, at least the floor (the raw value stays visible)."""
    if value is None:
        return None
    if limit is not None:
        value = min(value, limit)
    if floor is not None:
        value = max(value, floor)
    return value


def capped_excel(ref: str, limit: float | None, floor: float | None = None) -> str:
    """Excel twin of :func:`capped`."""
    body = ref if limit is None else f"MIN({ref},{limit:g})"
    if floor is not None:
        body = f"MAX({body},{floor:g})"
    return f'=IF(COUNT({ref})=0,"",{body})'


def target_zero(target: Target | None) -> bool:
    """A single target of 0: capaian follows the all-or-nothing rule (documented above)."""
    return target is not None and not target.is_range and target.low == 0


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


def target_to_date(targets: Sequence[Target | None], agregasi: Agregasi) -> Target | None:
    """The target to date of the quarters ``targets`` (TW I up to TW n), aggregated like the realisation.

    kumulatif: the sum; nilai akhir and dari elemen (a ratio): the TW n target; rata-rata: the mean.
    ``None`` when a quarter's target is missing (the capaian to date cannot be judged).
    """
    if not targets or any(t is None for t in targets):
        return None
    lows = [t.low for t in targets if t is not None]
    highs = [t.high for t in targets if t is not None]
    if agregasi is Agregasi.KUMULATIF:
        return Target(sum(lows), sum(highs))
    if agregasi is Agregasi.RATA_RATA:
        return Target(sum(lows) / len(lows), sum(highs) / len(highs))
    return Target(lows[-1], highs[-1])


def target_to_date_excel(refs: Sequence[str], agregasi: Agregasi) -> str:
    """Excel twin of :func:`target_to_date` over one bound's cells (in quarter order)."""
    args = ",".join(refs)
    if agregasi is Agregasi.KUMULATIF:
        body = f"SUM({args})"
    elif agregasi is Agregasi.RATA_RATA:
        body = f"AVERAGE({args})"
    else:
        body = refs[-1]
    return f'=IF(COUNT({args})<{len(refs)},"",{body})'


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
