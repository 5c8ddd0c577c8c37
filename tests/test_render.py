"""The terminal summary of ``check`` at the scale of a Bappeda: what needs a look, not every file."""

from __future__ import annotations

from kinerja_xl import findings
from kinerja_xl.intake import codes
from kinerja_xl.intake.result import CheckReport, FileResult, Verdict
from kinerja_xl.period import parse_period
from kinerja_xl.render import LIST_ALL_UP_TO, MAX_MISSING_NAMED, render_check

TW1 = parse_period("2025-TW1")


def _report(accepted: int, missing: int = 0) -> CheckReport:
    files = [FileResult(file=f"UPT{i:03d}.xlsx", verdict=Verdict.ACCEPTED, bidang=f"UPT{i:03d}")
             for i in range(accepted)]
    files.append(FileResult(file="rusak.xlsx", verdict=Verdict.RETURNED, findings=[
        findings.make(codes.BERKAS_BUKAN_FORMULIR, file="rusak.xlsx")]))
    files.append(FileResult(file="UPT999.xlsx", verdict=Verdict.ACCEPTED, bidang="UPT999", findings=[
        findings.make(codes.ISIAN_TANGGAL_TIDAK_DIKENALI, file="UPT999.xlsx", sheet="Pengesahan", cell="C5",
                      value="besok")]))
    return CheckReport(period=TW1, files=files, missing=[f"B{i:03d}" for i in range(missing)])


def test_a_long_check_lists_only_the_files_that_need_a_look() -> None:
    lines = render_check(_report(LIST_ALL_UP_TO + 10, missing=MAX_MISSING_NAMED + 5))
    assert lines[0] == "Pemeriksaan Triwulan I Tahun 2025: 42 berkas isian — 41 diterima, 1 dikembalikan."
    listed = [line.split()[0] for line in lines[3:] if line.endswith(("0", "1")) and ".xlsx" in line]
    assert listed == ["rusak.xlsx", "UPT999.xlsx"]  # returned, and accepted with a warning
    assert ("40 berkas lain diterima tanpa kesalahan dan peringatan (tidak dicantumkan satu per satu: "
            "semuanya ada di laporan pemeriksaan, atau jalankan dengan --verbose).") in lines
    missing = next(line for line in lines if line.startswith("Belum ada isian"))
    assert missing.startswith("Belum ada isian yang diterima dari: B000, B001, ")
    assert missing.endswith(", B029 … dan 5 bidang lain (lihat laporan pemeriksaan atau 'kinerja-xl status')")
    # --verbose lists every file and names every bidang
    verbose = render_check(_report(LIST_ALL_UP_TO + 10, missing=MAX_MISSING_NAMED + 5), verbose=True)
    assert sum(1 for line in verbose if line.startswith("UPT")) == LIST_ALL_UP_TO + 11
    assert next(line for line in verbose if line.startswith("Belum ada isian")).endswith(", B034")


def test_a_short_check_lists_every_file() -> None:
    lines = render_check(_report(LIST_ALL_UP_TO - 2, missing=2))
    assert sum(1 for line in lines if line.startswith("UPT")) == LIST_ALL_UP_TO - 1
    assert not any("tidak dicantumkan" in line for line in lines)
    assert "Belum ada isian yang diterima dari: B000, B001" in lines


def test_a_long_check_where_every_file_is_accepted_says_so_in_one_line() -> None:
    report = _report(LIST_ALL_UP_TO + 10)
    report.files = [r for r in report.files if r.file.startswith("UPT") and not r.findings]
    assert render_check(report) == [
        "Pemeriksaan Triwulan I Tahun 2025: 40 berkas isian — 40 diterima, 0 dikembalikan.", "",
        ("Semua 40 berkas isian diterima tanpa kesalahan dan peringatan (tidak dicantumkan satu per satu: "
         "semuanya ada di laporan pemeriksaan, atau jalankan dengan --verbose).")]
