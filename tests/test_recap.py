"""The recap workbook as a person opens it: sheets, headers, tables, print setup, blanks, determinism, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import recap_data
from recap_data import read_table

from kinerja_xl import angka
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import parse_period
from kinerja_xl.recap import (
    build_model,
    export_csv,
    merge_workspace,
    write_recap,
)
from kinerja_xl.recap.export import COLUMNS
from kinerja_xl.recap.layout import SHEETS
from kinerja_xl.recap.submissions import ChosenSubmissions, Compactor
from kinerja_xl.status import BidangStatus
from kinerja_xl.workspace import Workspace

DATA_SHEETS = ("Elemen Data", "Capaian Indikator", "Rencana Aksi", "IKU", "Per Bidang", "Per Sasaran",
               "Status Pengumpulan", "Skala")


@pytest.fixture(scope="module")
def catalog():
    return build_sample_catalog()


@pytest.fixture(scope="module")
def recap_s1(tmp_path_factory: pytest.TempPathFactory, catalog) -> Path:
    path = tmp_path_factory.mktemp("recap") / "rekap-2025-S1.xlsx"
    def row(bidang: str, state: str, received_at: str, revision: int) -> BidangStatus:
        return BidangStatus(bidang=bidang, nama="", state=state, received_at=received_at, file_name="f.xlsx",
                            revision=revision, submissions=1, deadline=dt.date(2025, 7, 10), days_left=0, late=False)

    statuses = [row("SEK", "revisi ke-1", "2025-07-03T10:00:00", 1), row("DAFDUK", "diterima", "2025-07-05T08:00:00", 0)]
    write_recap(catalog, parse_period("2025-S1"), recap_data.submissions(catalog), path, statuses=statuses,
                generated=recap_data.GENERATED)
    return path


def test_sheet_names_and_order(recap_s1: Path) -> None:
    wb = openpyxl.load_workbook(recap_s1)
    budget = ["Evaluasi Renja (E.81)", "Serapan Anggaran", "Perjanjian Kinerja"]  # the sample has a budget tree
    assert wb.sheetnames == [*SHEETS[:7], *budget, *SHEETS[7:]]
    assert wb.sheetnames == ["Ringkasan", "Elemen Data", "Capaian Indikator", "Rencana Aksi", "IKU", "Per Bidang",
                             "Per Sasaran", *budget, "Status Pengumpulan", "Skala", "Pengesahan"]
    active: Any = wb.active
    assert active.title == "Ringkasan"


def test_data_sheets_are_tables_with_frozen_headers_and_print_setup(recap_s1: Path) -> None:
    wb = openpyxl.load_workbook(recap_s1)
    for name in DATA_SHEETS:
        ws: Any = wb[name]
        (table,) = ws.tables.values()
        header_row = int(table.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        assert table.autoFilter is not None, name
        assert table.tableStyleInfo.showRowStripes, name
        assert ws.freeze_panes == f"A{header_row + 1}", name
        assert ws.print_title_rows == f"${header_row}:${header_row}", name
        headers = [c.value for c in ws[header_row]]
        assert [c.name for c in table.tableColumns] == headers[:len(table.tableColumns)], name
        assert ws.page_setup.paperSize == 14, name  # F4 (folio), the default of the catalog's Ukuran Kertas
        assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage), name
        assert 73 <= int(ws.page_setup.scale or 100) <= 100, name  # 10 pt text prints at 7 pt or more
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text, name
        expected = "portrait" if name == "Skala" else "landscape"
        assert ws.page_setup.orientation == expected, name


def test_headers_in_bahasa_indonesia(recap_s1: Path) -> None:
    wb = openpyxl.load_workbook(recap_s1, data_only=True)
    cap = next(iter(read_table(wb["Capaian Indikator"]).values()))
    for header in ("Kode", "Sasaran", "Indikator Kinerja", "Satuan", "Polaritas", "Agregasi", "Target TW I",
                   "Target Tahunan", "Realisasi TW I", "Realisasi s.d. TW II", "Capaian TW II (%)",
                   "Target s.d. TW II", "Capaian s.d. TW II thd Target s.d. TW II (%)",
                   "Progres s.d. TW II thd Target Tahunan (%)", "Predikat s.d. TW II", "Catatan"):
        assert header in cap
    ra = next(iter(read_table(wb["Rencana Aksi"]).values()))
    assert list(ra)[:5] == ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target Tahunan"]
    for header in ("Target s.d. TW II", "Realisasi s.d. TW II", "Capaian s.d. TW II thd Target s.d. TW II (%)",
                   "Predikat", "Progres s.d. TW II thd Target Tahunan (%)", "Catatan", "Kendala / Rencana Tindak Lanjut"):
        assert header in ra
    el = next(iter(read_table(wb["Elemen Data"]).values()))
    for header in ("Elemen Data", "TW I", "TW IV", "Berkas TW I", "Diterima TW I", "Bidang"):
        assert header in el


def test_bound_columns_are_hidden_and_numbers_formatted(recap_s1: Path) -> None:
    ws = openpyxl.load_workbook(recap_s1)["Capaian Indikator"]
    headers = {c.value: c for c in ws[5] if c.value}

    def hidden(header: str) -> bool:
        col = headers[header].column
        return any(d.hidden for d in ws.column_dimensions.values() if (d.min or 0) <= col <= (d.max or 0))

    assert hidden("Target Tahunan Batas Bawah") and hidden("Target TW I Batas Atas")
    assert not hidden("Realisasi TW I") and not hidden("Target Tahunan")
    assert ws.cell(6, headers["Capaian TW I (%)"].column).number_format == "0.00"
    assert ws.cell(6, headers["Realisasi TW I"].column).number_format == "#,##0.00"


def test_no_error_values_and_every_formula_has_its_value(recap_s1: Path) -> None:
    formulas = openpyxl.load_workbook(recap_s1)
    values = openpyxl.load_workbook(recap_s1, data_only=True)
    n = 0
    for ws in values.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith("#")), (ws.title, cell.coordinate)
                f = formulas[ws.title][cell.coordinate].value
                if isinstance(f, str) and f.startswith("="):
                    n += 1
                    assert "#" not in f
    assert n > 300
    with zipfile.ZipFile(recap_s1) as z:  # a formula cell without a cached value would show 0 in viewers
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                text = z.read(name).decode()
                assert text.count("<f>") == text.count("</f><v>") + text.count("</f><v/>"), name


def test_blank_stays_blank(recap_s1: Path) -> None:
    wb = openpyxl.load_workbook(recap_s1, data_only=True)
    el = read_table(wb["Elemen Data"])
    assert el["PDI03"]["TW II"] is None  # not surveyed in TW II
    assert el["PDI03"]["TW I"] == pytest.approx(84.6)
    assert el["DAF01"]["TW III"] is None  # outside the semester
    assert el["DAF01"]["Berkas TW I"] == "Formulir DAFDUK 2025-TW1.xlsx"
    assert isinstance(el["DAF01"]["Diterima TW I"], dt.datetime)
    cap = read_table(wb["Capaian Indikator"])
    for code in cap:
        assert cap[code]["Realisasi TW III"] in (None, "")
        assert cap[code]["Capaian TW IV (%)"] in (None, "")
    assert cap["IK19"]["Realisasi TW I"] in (None, "") and cap["IK19"]["Capaian TW I (%)"] in (None, "")
    ra = read_table(wb["Rencana Aksi"])
    assert ra["1"]["Target TW I"] is not None
    assert all(r["Realisasi TW IV"] in (None, "") for r in ra.values())


def test_summary_sheets(recap_s1: Path, catalog) -> None:
    wb = openpyxl.load_workbook(recap_s1, data_only=True)
    model = build_model(catalog, parse_period("2025-S1"), recap_data.submissions(catalog))
    bidang = read_table(wb["Per Bidang"])
    assert list(bidang) == [b.kode for b in catalog.bidang]
    total = sum(r["Jumlah Indikator"] for r in bidang.values())
    assert total == len(catalog.indikator)
    labels = [label for _, label in catalog.instansi.skala_predikat.bands]
    for kode, r in bidang.items():
        assert r["Jumlah Dinilai"] == sum(r[label] for label in labels)
        mine = [x.capped_sd for x in model.indikator if x.indikator.bidang == kode and x.capped_sd is not None]
        assert r["Rata-rata Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx(sum(mine) / len(mine))
    sasaran = read_table(wb["Per Sasaran"])
    assert sum(r["Jumlah Indikator"] for r in sasaran.values()) == len(catalog.indikator)
    iku = read_table(wb["IKU"])
    assert len(iku) == sum(1 for i in catalog.indikator if i.iku)
    status = read_table(wb["Status Pengumpulan"])
    assert status["SEK"]["Status TW II"] == "Revisi ke-1" and status["SEK"]["Revisi"] == 1
    assert status["DAFDUK"]["Status TW II"] == "Diterima"
    assert status["PIAK"]["TW I"] == "Diterima" and status["PIAK"]["TW III"] in (None, "")
    ring: dict[Any, Any] = {r[0]: r[1:] for r in wb["Ringkasan"].iter_rows(values_only=True) if r[0]}
    assert ring["TW I"][:3] == (5, 5, 100)
    assert ring["Jumlah indikator"][0] == len(catalog.indikator)
    assert sum(ring[label][0] for label in labels) == sum(1 for x in model.indikator if x.predikat_sd)
    assert ring["Rata-rata Capaian s.d. TW II thd Target s.d. TW II (%)"][0] == pytest.approx(model.rata_sd)
    with zipfile.ZipFile(recap_s1) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    peng = [v for r in wb["Pengesahan"].iter_rows(values_only=True) for v in r if v]
    ins = catalog.instansi
    for text in ("Disusun oleh,", "Diperiksa (paraf),", "Disahkan oleh,", ins.kepala_nama, ins.sekretaris_nama,
                 ins.penyusun_nama, f"NIP. {angka.nip(ins.kepala_nip)}", "Kabupaten Contoh, 20 Januari 2026"):
        assert text in peng
    skala = read_table(wb["Skala"])
    assert [r["Predikat"] for r in skala.values()] == labels


def test_same_input_gives_the_same_bytes(tmp_path: Path, catalog) -> None:
    subs = recap_data.submissions(catalog)
    a = write_recap(catalog, parse_period("2025-TW3"), subs, tmp_path / "a.xlsx", generated=recap_data.GENERATED)
    b = write_recap(catalog, parse_period("2025-TW3"), list(reversed(subs)), tmp_path / "b.xlsx",
                    generated=recap_data.GENERATED)
    assert a.path.read_bytes() == b.path.read_bytes()
    assert not list(tmp_path.glob(".*tmp"))


def test_latest_revision_wins_and_other_years_are_ignored(tmp_path: Path, catalog) -> None:
    subs = recap_data.submissions(catalog, quarters=(1,))
    first = next(s for s in subs if s.bidang == "PDIP")
    newer = AcceptedSubmission(id=999, bidang="PDIP", period="2025-TW1", file_name="revisi.xlsx", sha256="f" * 64,
                               received_at="2025-04-20T10:00:00", revision=first.revision + 1,
                               values={**first.values, "PDI01": 5.0})
    old_year = AcceptedSubmission(id=1000, bidang="PDIP", period="2024-TW1", file_name="lama.xlsx",
                                  sha256="e" * 64, received_at="2024-04-20T10:00:00", revision=9,
                                  values={**first.values, "PDI01": 77.0})
    model = build_model(catalog, parse_period("2025-TW1"), [newer, *subs, old_year])
    row = next(r for r in model.elemen if r.elemen.kode == "PDI01")
    assert row.values[0] == 5.0 and row.sources[0] is not None and row.sources[0].file_name == "revisi.xlsx"


def test_chosen_submissions_keep_one_per_bidang_and_quarter_of_the_period(catalog) -> None:
    subs = recap_data.submissions(catalog)
    first = next(s for s in subs if s.bidang == "PDIP" and s.quarter == 1)
    newer = replace(first, id=999, file_name="revisi.xlsx", revision=first.revision + 1, values={"PDI01": 5.0})
    older = replace(first, id=998, file_name="lama.xlsx", revision=first.revision, received_at="2025-01-01T00:00:00")
    chosen = ChosenSubmissions(catalog, parse_period("2025-S1"), [*subs, newer, older])
    expected = {(s.bidang, s.quarter) for s in subs if s.quarter <= 2}
    assert set(chosen) == expected and len(chosen) == len(expected)
    assert chosen["PDIP", 1].file_name == "revisi.xlsx" and chosen["PDIP", 1].values == {"PDI01": 5.0}
    sek = next(s for s in subs if s.bidang == "SEK" and s.quarter == 2)
    assert chosen["SEK", 2] == Compactor(catalog)(sek)
    assert ("SEK", 3) not in chosen and ("SEK",) not in chosen and "SEK" not in chosen
    with pytest.raises(KeyError):
        chosen["SEK", 3]
    # the recap's date: the latest of all the submissions given
    assert chosen.latest == max(dt.datetime.fromisoformat(s.received_at) for s in subs)


def test_the_model_rows_refer_to_the_catalogs_own_records(catalog) -> None:
    """The rows are kept deflated; read back, each holds the catalog's record itself, not a copy."""
    model = build_model(catalog, parse_period("2025"), recap_data.submissions(catalog))
    assert [r.elemen for r in model.elemen] == list(catalog.elemen)
    assert all(r.elemen is e for r, e in zip(model.elemen, catalog.elemen, strict=True))
    assert all(r.indikator is i for r, i in zip(model.indikator, catalog.indikator, strict=True))
    assert model.renstra and all(r.renstra is catalog.renstra_by_indikator[r.indikator.kode]
                                 and r.indikator is catalog.indikator_by_kode[r.indikator.kode] for r in model.renstra)


def test_empty_ledger_gives_a_blank_recap_without_errors(tmp_path: Path, catalog) -> None:
    ws = Workspace(tmp_path)
    result = merge_workspace(ws, catalog, parse_period("2025-TW1"))
    assert result.path == tmp_path / "rekap" / "rekap-2025-TW1.xlsx"
    assert result.submissions == 0
    wb = openpyxl.load_workbook(result.path, data_only=True)
    cap = read_table(wb["Capaian Indikator"])
    assert all(r["Realisasi TW I"] in (None, "") and r["Predikat s.d. TW I"] in (None, "") for r in cap.values())
    bidang = read_table(wb["Per Bidang"])
    assert all(r["Rata-rata Capaian s.d. TW I thd Target s.d. TW I (%)"] in (None, "") for r in bidang.values())
    status = read_table(wb["Status Pengumpulan"])
    assert {r["Status TW I"] for r in status.values()} == {"Belum mengirim"}


def test_csv_export(tmp_path: Path, catalog) -> None:
    path = export_csv(catalog, parse_period("2025-S2"), recap_data.submissions(catalog), tmp_path / "c.csv").capaian
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(catalog.indikator) * 3  # TW III, TW IV, s.d. TW IV
    ik09 = {r["triwulan"]: r for r in rows if r["kode_indikator"] == "IK09"}
    assert set(ik09) == {"TW III", "TW IV", "s.d. TW IV"}
    total = sum(2850 + 510 + 180 + 45 for _ in [0]) + (3020 + 570 + 210 + 52) + (2960 + 730 + 160 + 48) + (
        3140 + 750 + 230 + 61)
    assert ik09["s.d. TW IV"]["realisasi"] == str(total)
    assert float(ik09["s.d. TW IV"]["capaian"]) == pytest.approx(total / 16000 * 100, abs=1e-6)
    assert ik09["TW III"]["target"] == "4000" and ik09["s.d. TW IV"]["target"] == "16000"
    assert {r["periode"] for r in rows} == {"2025-S2"}
    ik05 = next(r for r in rows if r["kode_indikator"] == "IK05")
    assert ik05["target"] == "2-3"
    ik19 = {r["triwulan"]: r for r in rows if r["kode_indikator"] == "IK19"}
    assert ik19["TW III"]["realisasi"] == "" and ik19["TW III"]["predikat"] == ""


def test_semester_columns_are_emphasised(tmp_path: Path, catalog) -> None:
    path = write_recap(catalog, parse_period("2025-S2"), recap_data.submissions(catalog), tmp_path / "s2.xlsx",
                       generated=recap_data.GENERATED).path
    ws = openpyxl.load_workbook(path)["Capaian Indikator"]
    fills = {c.value: c.fill.fgColor.rgb for c in ws[5] if c.value}
    assert fills["Realisasi TW III"] == fills["Realisasi TW IV"] == fills["Realisasi s.d. TW IV"]
    assert fills["Realisasi TW I"] == fills["Realisasi TW II"] != fills["Realisasi TW III"]


def test_strings_are_inline_and_table_headers_match(recap_s1: Path) -> None:
    with zipfile.ZipFile(recap_s1) as z:
        names = z.namelist()
        assert "xl/sharedStrings.xml" not in names
        assert sum(n.startswith("xl/tables/table") for n in names) == len(DATA_SHEETS) + 1  # + Serapan Anggaran


def test_formulas_with_newer_functions_still_get_their_prefix() -> None:
    from kinerja_xl.recap.worksheet import RecapWorksheet

    ws = RecapWorksheet()
    assert ws._prepare_formula('=IF(COUNT(A1)=0,"",SUM(A1))') == 'IF(COUNT(A1)=0,"",SUM(A1))'
    assert ws._prepare_formula("=XLOOKUP(A1,B1:B2,C1:C2)") == "_xlfn.XLOOKUP(A1,B1:B2,C1:C2)"


@pytest.mark.libreoffice
def test_pdf_prints_every_sheet_with_its_name_in_the_footer(recap_s1: Path, tmp_path: Path) -> None:
    from printcheck import measure

    from kinerja_xl.recap import recap_to_pdf

    pdf = recap_to_pdf(recap_s1, outdir=tmp_path)
    assert pdf is not None and pdf == tmp_path / "rekap-2025-S1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    sheets = openpyxl.load_workbook(recap_s1, read_only=True).sheetnames
    pages = measure(pdf, sheets)
    # each sheet prints (wide ones on several pages across), each page says which sheet it is and which page
    assert {p.sheet for p in pages} == set(sheets)
    assert all(any(re.search(r"Halaman \d+ dari \d+", line) for line in p.lines) for p in pages)


def test_catalog_without_indicators_or_data_still_writes_a_clean_recap(tmp_path: Path, catalog) -> None:
    import dataclasses

    empty = dataclasses.replace(catalog, indikator=())
    long_text = "x" * 40_000
    subs = [dataclasses.replace(s, keterangan={"DAF01": long_text}) for s in recap_data.submissions(catalog)]
    path = write_recap(empty, parse_period("2025-TW1"), subs, tmp_path / "kosong.xlsx",
                       generated=recap_data.GENERATED).path
    wb = openpyxl.load_workbook(path, data_only=True)
    cap = read_table(wb["Capaian Indikator"])  # the table keeps one empty data row
    assert len(cap) == 1 and all(v is None for v in next(iter(cap.values())).values())
    ring: dict[Any, Any] = {r[0]: r[1:] for r in wb["Ringkasan"].iter_rows(values_only=True) if r[0]}
    assert ring["Jumlah indikator"][0] == 0
    assert ring["Rata-rata Capaian s.d. TW I thd Target s.d. TW I (%)"][0] in (None, "")
    el = read_table(wb["Elemen Data"])
    assert len(el["DAF01"]["Keterangan / Sumber Data"]) <= 32_000
    bidang = read_table(wb["Per Bidang"])
    assert all(r["Rata-rata Capaian s.d. TW I thd Target s.d. TW I (%)"] in (None, "") for r in bidang.values())


def test_charts_compare_capaian_with_100_and_follow_the_quarters(recap_s1: Path) -> None:
    with zipfile.ZipFile(recap_s1) as z:
        charts = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/charts/chart")]
    # Ringkasan keeps its bar chart; Per Bidang and Per Sasaran: bars of the average capaian against 100 %;
    # Rencana Aksi: a line per sasaran over the quarters, the average of all and the 100 % line
    for sheet in ("Per Bidang", "Per Sasaran"):
        (chart,) = [c for c in charts if f"'{sheet}'!" in c]
        assert "<c:barChart>" in chart and "<c:lineChart>" in chart and "Acuan 100%" in chart
    (trend,) = [c for c in charts if "'Rencana Aksi'!" in c]
    assert "<c:lineChart>" in trend and "Semua indikator" not in trend  # series names are cell references
    assert any("'Capaian Indikator'!" in c for c in charts)  # the Ringkasan chart
    wb = openpyxl.load_workbook(recap_s1, data_only=True)
    ws = wb["Rencana Aksi"]
    rows = {label: r[r.index(label) + 1:r.index(label) + 5] for r in ws.iter_rows(values_only=True)
            for label in ("Semua indikator", "Acuan 100%") if label in r}
    cap = read_table(wb["Capaian Indikator"])
    for q, key in ((1, "Capaian TW I (%)"), (2, "Capaian TW II (%)")):
        known = [r[key] for r in cap.values() if isinstance(r[key], (int, float))]
        assert rows["Semua indikator"][q - 1] == pytest.approx(sum(known) / len(known))
    assert rows["Semua indikator"][2:] == (None, None)  # S1: TW III and IV blank, gaps in the chart (not 0)
    assert rows["Acuan 100%"] == (100, 100, 100, 100)


def test_rencana_aksi_shows_the_planned_action_of_each_quarter(recap_s1: Path, catalog, tmp_path: Path) -> None:
    import dataclasses

    ra = read_table(openpyxl.load_workbook(recap_s1, data_only=True)["Rencana Aksi"])
    planned = {i.kode: i.rencana_aksi for i in catalog.indikator}
    assert any(any(a) for a in planned.values())  # the sample catalog plans some
    by_name = {i.nama: i.kode for i in catalog.indikator}
    for row in ra.values():
        kode = by_name[row["Indikator Kinerja"]]
        shown = tuple(row[f"Rencana Aksi TW {n}"] or "" for n in ("I", "II", "III", "IV"))
        assert shown == planned[kode], kode
    # a catalog without the optional columns: no empty action columns on the sheet
    plain = dataclasses.replace(catalog, indikator=tuple(dataclasses.replace(i, rencana_aksi=("", "", "", ""))
                                                         for i in catalog.indikator))
    path = write_recap(plain, parse_period("2025-TW1"), recap_data.submissions(plain), tmp_path / "r.xlsx",
                       generated=recap_data.GENERATED).path
    headers = next(iter(read_table(openpyxl.load_workbook(path)["Rencana Aksi"]).values()))
    assert not any(h.startswith("Rencana Aksi") for h in headers)
