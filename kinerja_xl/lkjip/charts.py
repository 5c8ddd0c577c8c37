"""The chart of each IKU as a PNG: this year's quarters against their targets, and the Renstra years.

matplotlib (Agg, no display) rather than xlsxwriter charts rendered by
LibreOffice: python-docx cannot embed a native Word chart, and a picture drawn
here needs no LibreOffice when the draft is written. The figure is built with
the object API (no pyplot global state) and saved without a timestamp, so the
same figures give the same bytes.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kinerja_xl.lkjip.figures import IkuFigures
from kinerja_xl.lkjip.text import angka
from kinerja_xl.recap.texts import tw_label

WIDTH_IN = 6.3  # fits an A4 / F4 page with 2.5 cm margins
HEIGHT_IN = 2.6
DPI = 150
BAR, TARGET = "#2F5597", "#C55A11"


def _panel(ax, labels: list[str], real: list[float | None], target: list[float | None], title: str,
           satuan: str) -> None:
    """Realisasi (solid, labelled) and target (dashed) as lines: the axis fits the figures, so a 97,8 %
    against a 98 % target stays visible; a figure not reported is a gap, never a 0."""
    xs = list(range(len(labels)))
    pts = [(x, t) for x, t in zip(xs, target, strict=True) if t is not None]
    if pts:
        ax.plot([p[0] for p in pts], [p[1] for p in pts], color=TARGET, marker="s", markersize=4,
                linestyle="--", linewidth=1.2, label="Target")
    done = [(x, v) for x, v in zip(xs, real, strict=True) if v is not None]
    if done:
        ax.plot([p[0] for p in done], [p[1] for p in done], color=BAR, marker="o", markersize=5, linewidth=1.8,
                label="Realisasi")
        for x, v in done:
            ax.annotate(angka(v), (x, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=7,
                        color=BAR)
    ax.set_xticks(xs, labels, fontsize=8)
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.margins(y=0.25)
    ax.tick_params(axis="y", labelsize=8)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: angka(v)))  # 99,5 as written in Indonesian
    ax.set_title(title, fontsize=9)
    ax.set_ylabel(satuan, fontsize=8)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="best")


def iku_chart(f: IkuFigures, year: int) -> bytes:
    """A PNG with one panel (quarters) or two (quarters, Renstra years)."""
    ind = f.indikator
    plan = f.renstra
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, 2 if plan is not None else 1, squeeze=False)[0]
    _panel(axes[0], [tw_label(q) for q in range(1, 5)], list(f.row.realisasi_tw),
           [None if t is None else t.value for t in ind.target_tw], f"Triwulan tahun {year}", ind.satuan)
    if plan is not None:
        years = plan.renstra.tahun
        known = {y.tahun: y.realisasi for y in f.years}  # the ledger's years where it has them
        _panel(axes[1], [str(y) for y in years], [known.get(y) for y in years], list(plan.renstra.target),
               f"Renstra {years[0]}–{years[-1]}", ind.satuan)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()
