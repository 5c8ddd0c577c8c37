"""``export``: the tidy capaian and anggaran tables in three flavours (csv, csv-id, xlsx).

Budget figures are computed by hand from :mod:`budget_factories`; the Indonesian CSV is
opened by LibreOffice with the id-ID locale, as Excel on an Indonesian Windows would.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import recap_data
from budget_factories import (
    PROG_DAFDUK,
    SUB_KUM,
    SUB_RATA,
    budget_submissions,
    renja_catalog,
)
from click.testing import CliRunner
from libreoffice import _soffice_env, fresh_profile, needs_libreoffice, soffice_path

from kinerja_xl.cli import cli
from kinerja_xl.period import parse_period
from kinerja_xl.recap.export import BUDGET_COLUMNS, COLUMNS, Flavour, export_csv

M = 1_000_000


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[Flavour, tuple[Path, Path | None]]:
    tmp = tmp_path_factory.mktemp("export")
    cat = renja_catalog()
    subs = budget_submissions(cat)
    out = {}
    for flavour in Flavour:
        result = export_csv(cat, parse_period("2025-S1"), subs, tmp / flavour.value / f"capaian{flavour.suffix}",
                            flavour)
        out[flavour] = (result.capaian, result.anggaran)
    return out


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_csv(path: Path, flavour: Flavour) -> list[dict[str, str]]:
    raw = path.read_bytes()
    if flavour is Flavour.CSV_ID:
        assert raw.startswith(b"\xef\xbb\xbf")
        text = raw[3:].decode("utf-8")
    else:
        assert not raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if flavour is Flavour.CSV_ID else ","))


def test_budget_table_beside_the_capaian_table(exports) -> None:
    capaian, anggaran = exports[Flavour.CSV]
    assert anggaran is not None and anggaran.name == "anggaran.csv"
    rows = read_csv(anggaran, Flavour.CSV)
    assert tuple(rows[0]) == BUDGET_COLUMNS
    kum = {r["triwulan"]: r for r in rows if r["kode_rekening"] == SUB_KUM}
    assert set(kum) == {"TW I", "TW II", "s.d. TW II"}
    assert kum["TW I"]["realisasi_keuangan"] == str(50 * M) and kum["TW II"]["realisasi_keuangan"] == str(70 * M)
    assert kum["TW II"]["realisasi_keuangan_sd"] == str(120 * M)
    assert float(kum["TW I"]["serapan"]) == pytest.approx(50 / 300 * 100, abs=1e-6)
    assert float(kum["s.d. TW II"]["serapan"]) == pytest.approx(40.0)
    assert kum["s.d. TW II"]["realisasi_fisik"] == "45" and kum["TW I"]["realisasi_fisik"] == "20"
    assert kum["s.d. TW II"]["realisasi_kinerja"] == "250" and kum["s.d. TW II"]["capaian_kinerja"] == "62.5"
    assert kum["s.d. TW II"]["pagu"] == str(300 * M) and kum["TW I"]["tingkat"] == "sub kegiatan"
    prog = {r["triwulan"]: r for r in rows if r["kode_rekening"] == PROG_DAFDUK}
    assert prog["s.d. TW II"]["realisasi_keuangan"] == str((50 + 30 + 70 + 60) * M)
    assert float(prog["s.d. TW II"]["serapan"]) == pytest.approx(42.0)
    assert prog["s.d. TW II"]["realisasi_fisik"] == ""  # nobody reports a program's physical progress
    rata = {r["triwulan"]: r for r in rows if r["kode_rekening"] == SUB_RATA}
    assert rata["TW II"]["realisasi_keuangan"] == "" and rata["TW II"]["realisasi_fisik"] == ""  # not reported
    assert rata["TW II"]["realisasi_keuangan_sd"] == str(20 * M)
    assert rata["s.d. TW II"]["realisasi_fisik"] == "25"  # the latest reported, never a sum
    assert tuple(read_csv(capaian, Flavour.CSV)[0]) == COLUMNS


def test_indonesian_csv_is_the_plain_csv_with_semicolons_and_decimal_commas(exports) -> None:
    for plain_path, id_path in zip(exports[Flavour.CSV], exports[Flavour.CSV_ID], strict=True):
        assert plain_path is not None and id_path is not None
        plain, ind = read_csv(plain_path, Flavour.CSV), read_csv(id_path, Flavour.CSV_ID)
        assert len(plain) == len(ind) > 0
        decimals = 0
        for p, i in zip(plain, ind, strict=True):
            for key, text in p.items():
                if key in ("target", "target_tahunan") and "-" in text[1:]:  # a range: "2-3" would turn into a date
                    assert i[key] == text.replace(".", ",").replace("-", "–")
                elif is_number(text):
                    assert i[key] == text.replace(".", ","), (key, text, i[key])
                    decimals += "." in text
                else:
                    assert i[key] == text
        assert decimals > 0
    assert b";" in exports[Flavour.CSV_ID][0].read_bytes().split(b"\r\n")[0]


def test_xlsx_holds_both_tables_with_numbers(exports) -> None:
    path, other = exports[Flavour.XLSX]
    assert other is None
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Capaian", "Anggaran"]
    rows = list(wb["Anggaran"].iter_rows(values_only=True))
    assert rows[0] == BUDGET_COLUMNS
    head = {k: i for i, k in enumerate(rows[0])}
    kum = next(r for r in rows if r[head["kode_rekening"]] == SUB_KUM and r[head["triwulan"]] == "s.d. TW II")
    assert kum[head["realisasi_keuangan"]] == 120 * M and kum[head["serapan"]] == pytest.approx(40.0)
    assert kum[head["kode_rekening"]] == SUB_KUM  # a text, never a number or a date
    cap = list(wb["Capaian"].iter_rows(values_only=True))
    assert cap[0] == COLUMNS
    assert all(isinstance(r[COLUMNS.index("capaian")], (float, int, type(None))) for r in cap[1:])


def test_cli_export_flavours(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(ws), "--contoh"]).exit_code == 0
    result = runner.invoke(cli, ["export", "-w", str(ws), "--period", "2025", "--format", "csv-id"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Capaian ditulis: {ws / 'rekap' / 'capaian-2025.csv'}\n"
                             f"Anggaran ditulis: {ws / 'rekap' / 'anggaran-2025.csv'}\n")
    assert (ws / "rekap" / "capaian-2025.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    out = tmp_path / "ekspor.xlsx"
    result = runner.invoke(cli, ["ekspor", "-w", str(ws), "--periode", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Ditulis: {out}\n"
    assert openpyxl.load_workbook(out).sheetnames == ["Capaian", "Anggaran"]
    bad = runner.invoke(cli, ["export", "-w", str(ws), "--period", "2025", "--format", "ods"])
    assert bad.exit_code == 2


def _open_in_libreoffice_id(paths: list[Path], outdir: Path) -> list[Path]:
    """Open CSV files in LibreOffice Calc the way a person with Indonesian settings does, save as xlsx.

    Filter options: separator ``;`` (59), text delimiter ``"`` (34), UTF-8 (76), from line 1,
    default column formats, language id-ID (1057) for the numbers.
    """
    import subprocess

    outdir.mkdir(parents=True, exist_ok=True)
    with fresh_profile() as profile:
        cmd = [soffice_path(), "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               f"-env:UserInstallation={profile.as_uri()}", "--infilter=CSV:59,34,76,1,,1057",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, paths)]
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120, env=_soffice_env(),
                              cwd=str(outdir))
    outs = [outdir / (p.stem + ".xlsx") for p in paths]
    assert proc.returncode == 0 and all(o.is_file() for o in outs), proc.stderr
    return outs


@needs_libreoffice
def test_indonesian_csv_opens_in_columns_with_the_right_numbers_in_libreoffice_id(exports, tmp_path) -> None:
    id_paths = [p for p in exports[Flavour.CSV_ID] if p is not None]
    plain_paths = [p for p in exports[Flavour.CSV] if p is not None]
    opened = _open_in_libreoffice_id(id_paths, tmp_path / "lo")
    for xlsx, plain_path in zip(opened, plain_paths, strict=True):
        plain = read_csv(plain_path, Flavour.CSV)
        rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
        assert rows[0] == tuple(plain[0])  # every column in its own cell
        assert len(rows) == len(plain) + 1
        numbers = 0
        for got, want in zip(rows[1:], plain, strict=True):
            for value, (key, text) in zip(got, want.items(), strict=True):
                if text == "":
                    assert value in (None, ""), (key, value)
                elif is_number(text):
                    assert isinstance(value, (int, float)), (key, text, value)  # a number, not text or a date
                    assert value == pytest.approx(float(text), rel=1e-9), (key, text, value)
                    numbers += 1
                elif key in ("target", "target_tahunan") and "-" in text[1:]:
                    assert value == text.replace("-", "–")  # a range stays a text, never a date
                else:
                    assert str(value) == text, (key, text, value)
        assert numbers > len(plain)


def test_export_of_a_catalog_without_budget_writes_one_table(tmp_path: Path) -> None:
    from factories import small_catalog

    cat = small_catalog()
    result = export_csv(cat, parse_period("2025"), recap_data.generic_submissions(cat), tmp_path / "c.csv",
                        Flavour.CSV_ID)
    assert result.anggaran is None and result.paths == (tmp_path / "c.csv",)
    assert not (tmp_path / "anggaran.csv").exists()
