"""Plain-text rendering of reports for the terminal (lines of text; the CLI prints them)."""

from __future__ import annotations

from collections.abc import Sequence

from kinerja_xl.intake.result import CheckReport, FileResult, Verdict
from kinerja_xl.status import BidangStatus

MAX_ERRORS_PER_FILE = 8
#: Without ``--verbose``, a check of more files than this lists only those that need a look (returned,
#: or accepted with warnings): a Bappeda's thousand accepted forms are one line, not a thousand.
LIST_ALL_UP_TO = 30
#: Bidang codes named on the "belum ada isian" line, at most (the rest are counted).
MAX_MISSING_NAMED = 30


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = ()) -> list[str]:
    """A fixed-width text table; ``right`` lists the columns aligned to the right."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return [line(cells[0]), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]]


def render_check(report: CheckReport, *, verbose: bool = False) -> list[str]:
    """The summary a Kasubag reads after ``check``: one line per file (beyond :data:`LIST_ALL_UP_TO`
    files, per file that needs a look, unless ``verbose``), then what to do."""
    shown = [r for r in report.files if verbose or r.verdict is not Verdict.SKIPPED]
    counts = {v: sum(1 for r in report.files if r.verdict is v) for v in Verdict}
    out = [
        f"Pemeriksaan {report.period.label}: {len(report.submissions)} berkas isian — "
        f"{counts[Verdict.ACCEPTED]} diterima, {counts[Verdict.RETURNED]} dikembalikan"
        + (f", {counts[Verdict.SKIPPED]} dilewati" if counts[Verdict.SKIPPED] else "") + "."
    ]
    earlier = sum(1 for r in report.submissions if report.outcome(r).earlier)
    if earlier:
        out.append(f"{earlier} di antaranya sudah diperiksa sebelumnya (putusannya tetap); "
                   f"{len(report.to_fix)} berkas dikembalikan masih menunggu perbaikan.")
    def label(r: FileResult) -> str:
        history = report.history_label(r)
        return f"{r.verdict.label} ({history})" if history else r.verdict.label

    quiet = 0  # accepted files without a warning, left out of a long list
    if not verbose and len(shown) > LIST_ALL_UP_TO:
        listed = [r for r in shown if r.verdict is not Verdict.ACCEPTED or r.warnings]
        quiet = len(shown) - len(listed)
        shown = listed
    if shown:
        rows = [(r.file, r.bidang or "?", label(r), len(r.errors), len(r.warnings)) for r in shown]
        out += [""] + table(("Berkas", "Bidang", "Status", "Kesalahan", "Peringatan"), rows, right=(3, 4))
    if quiet:
        which = f"{quiet} berkas lain" if shown else f"Semua {quiet} berkas isian"
        out += ["", (f"{which} diterima tanpa kesalahan dan peringatan (tidak dicantumkan satu per satu: "
                     "semuanya ada di laporan pemeriksaan, atau jalankan dengan --verbose).")]
    returned = report.to_fix
    if returned:
        out += ["", "Yang harus diperbaiki bidang (berkas dikembalikan):"]
        for r in returned:
            errors = r.errors
            for f in errors[:MAX_ERRORS_PER_FILE]:
                out.append(f"  - {f.describe()}")
            if len(errors) > MAX_ERRORS_PER_FILE:
                out.append(f"  - … dan {len(errors) - MAX_ERRORS_PER_FILE} kesalahan lain di {r.file} "
                           "(lihat laporan pemeriksaan).")
    if verbose:
        warned = [(r, f) for r in report.files for f in r.warnings]
        if warned:
            out += ["", "Peringatan (berkas tetap diterima):"]
            out += [f"  - {f.describe()}" for _, f in warned]
        skipped = [r for r in report.files if r.verdict is Verdict.SKIPPED]
        if skipped:
            out += ["", "Dilewati (bukan berkas isian):"]
            out += [f"  - {r.file}: {r.skip_reason or 'bukan berkas isian'}" for r in skipped]
    if report.missing:
        named = report.missing if verbose else report.missing[:MAX_MISSING_NAMED]
        rest = len(report.missing) - len(named)
        out += ["", "Belum ada isian yang diterima dari: " + ", ".join(named)
                + (f" … dan {rest} bidang lain (lihat laporan pemeriksaan atau 'kinerja-xl status')" if rest else "")]
    if report.laporan_path is not None:
        out += ["", f"Laporan pemeriksaan: {report.laporan_path}"]
        if report.laporan_run_path is not None:
            out.append(f"  (laporan pemeriksaan ini juga disimpan sebagai {report.laporan_run_path.name})")
    if report.feedback_paths:
        folder = report.feedback_paths[0].parent
        out.append(f"Umpan balik untuk dikirim kembali ke bidang ({len(report.feedback_paths)} berkas): {folder}")
    return out


def render_status(rows: Sequence[BidangStatus]) -> list[str]:
    """``status``: one line per bidang."""
    def sisa(row: BidangStatus) -> str:
        if row.accepted:
            return "terlambat" if row.late else "tepat waktu"
        if row.days_left >= 0:
            return f"{row.days_left} hari lagi"
        return f"lewat {-row.days_left} hari"

    body = [
        (r.bidang, r.nama, r.state, (r.received_at or "").replace("T", " "), r.deadline.isoformat(), sisa(r))
        for r in rows
    ]
    done = sum(1 for r in rows if r.accepted)
    return table(("Bidang", "Nama", "Status", "Diterima/dikirim", "Batas", "Waktu"), body) + [
        "", f"{done} dari {len(rows)} bidang sudah diterima."
    ]
