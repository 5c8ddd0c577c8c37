"""``kinerja-xl pk``: the year's Perjanjian Kinerja from the catalog alone, before any form comes in.

Exact messages and exit codes through CliRunner; the workbook opened and read as a person would.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from libreoffice import compare_recalculated, formula_cells, recalculate

from kinerja_xl.cli import cli
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.workspace import init_workspace

SHEETS = ["PK Kepala OPD", "PK SEK", "PK DAFDUK", "PK CAPIL", "PK PIAK", "PK PDIP"]


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    cat = build_sample_catalog()
    cat = dataclasses.replace(cat, instansi=dataclasses.replace(cat.instansi, tanggal_pk=dt.date(2025, 1, 6)))
    init_workspace(tmp_path / "opd", catalog=cat)
    return tmp_path / "opd"


def texts(ws: Any) -> dict[str, Any]:
    return {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_pk_writes_every_agreement_before_any_data(workspace: Path) -> None:
    result = CliRunner().invoke(cli, ["pk", "--tahun", "2025", "-w", str(workspace), "--json"])
    assert result.exit_code == 0, result.output
    path = workspace / "rekap" / "perjanjian-kinerja-2025.xlsx"
    assert result.stderr == (f"Perjanjian Kinerja ditulis: {path}\n"
                             f"Lembar: {', '.join(SHEETS)}. Tanggal perjanjian: 6 Januari 2025.\n")
    assert json.loads(result.stdout) == {"path": str(path), "tahun": 2025, "tanggal": "2025-01-06",
                                         "lembar": SHEETS}
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames == SHEETS
    opd = texts(wb["PK Kepala OPD"])
    for t in ("PERJANJIAN KINERJA TAHUN 2025", "selanjutnya disebut pihak pertama.",
              "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.", ": Drs. Bambang Sutrisno, M.Si.",
              ": Bupati Contoh", "Kabupaten Contoh, 6 Januari 2025", "PIHAK PERTAMA,", "PIHAK KEDUA,",
              "Sasaran Strategis", "Meningkatnya kepemilikan dokumen kependudukan",
              "Persentase penduduk wajib KTP-el yang memiliki KTP-el"):
        assert t in opd, t
    assert "Cakupan perekaman KTP-el" not in opd  # IK02 is not an IKU
    ws = wb["PK Kepala OPD"]
    prog = opd["2.12.02 PROGRAM PENDAFTARAN PENDUDUK"]
    assert ws.cell(prog.row, 5).value == 2_380_000_000  # 250 + 1.350 + 780 million
    jumlah = [c for t, c in opd.items() if t == "JUMLAH"][-1]
    assert ws.cell(jumlah.row, 5).value == 10_970_000_000
    assert openpyxl.load_workbook(path)["PK Kepala OPD"].cell(jumlah.row, 5).value.startswith("=IF(COUNT(E")
    # the Kepala Bidang's agreement: its kegiatan with their indicators and pagu, with the Kepala OPD
    ws = wb["PK DAFDUK"]
    daf = texts(ws)
    for t in (": Hendra Gunawan, S.Sos.", ": Kepala Bidang Pelayanan Pendaftaran Penduduk",
              ": Kepala Dinas Kependudukan dan Pencatatan Sipil", "Kegiatan"):
        assert t in daf, t
    keg = daf["2.12.02.2.01 Pelayanan Pendaftaran Penduduk"]  # linked to IK03 in the catalog
    ind = daf["Persentase keluarga yang memiliki Kartu Keluarga"]
    assert ind.row == keg.row and (ws.cell(ind.row, 4).value, ws.cell(ind.row, 5).value) == ("%", 99.5)
    assert ws.cell(keg.row, 6).value == 1_600_000_000
    assert ws.cell(daf["JUMLAH"].row, 6).value == 2_380_000_000
    assert "PROGRAM PENDAFTARAN PENDUDUK" not in " ".join(daf)  # programs are the Kepala OPD's
    assert texts(wb["PK SEK"]).get(": Sekretaris") is not None
    pdip = texts(wb["PK PDIP"])  # no kegiatan of its own: its sub kegiatan
    assert "Sub Kegiatan" in pdip and "2.12.04.2.01.0002 Kerja Sama Pemanfaatan Data Kependudukan" in pdip
    for name in SHEETS:
        sheet: Any = wb[name]
        assert sheet.page_setup.orientation == "portrait" and sheet.row_breaks.brk and not sheet.col_breaks.brk


def test_pk_default_date_and_output_option(workspace: Path, tmp_path: Path) -> None:
    cat = build_sample_catalog()
    init_workspace(tmp_path / "baru", catalog=cat)
    out = tmp_path / "pk.xlsx"
    result = CliRunner().invoke(cli, ["pk", "--tahun", "2025", "-w", str(tmp_path / "baru"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.endswith("Tanggal perjanjian: 2 Januari 2025.\n")
    assert "Kabupaten Contoh, 2 Januari 2025" in texts(openpyxl.load_workbook(out)["PK Kepala OPD"])


def test_pk_for_another_year_is_refused(workspace: Path) -> None:
    result = CliRunner().invoke(cli, ["pk", "--tahun", "2026", "-w", str(workspace)])
    assert result.exit_code == 2
    assert result.stderr == ("Error: Katalog berisi target tahun 2025, tetapi periode yang diminta 2026. Pakai "
                             "periode tahun 2025, atau ubah tahun dan target di katalog.xlsx (lembar Instansi).\n")
    assert not (workspace / "rekap" / "perjanjian-kinerja-2026.xlsx").exists()


def test_pk_needs_the_year(workspace: Path) -> None:
    result = CliRunner().invoke(cli, ["pk", "-w", str(workspace)])
    assert result.exit_code == 2
    assert "Opsi wajib belum diisi '--tahun'" in result.output


@pytest.mark.libreoffice
def test_pk_workbook_agrees_with_libreoffice(workspace: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["pk", "--tahun", "2025", "-w", str(workspace)]).exit_code == 0
    src = workspace / "rekap" / "perjanjian-kinerja-2025.xlsx"
    assert {sheet for sheet, _ in formula_cells(src)} == set(SHEETS)  # every JUMLAH is a live sum
    (out,) = recalculate([src], tmp_path / "lo")
    assert compare_recalculated(src, out) == []
