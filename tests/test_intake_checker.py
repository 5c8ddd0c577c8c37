"""check_file as a whole: the result's fields, robustness, cost, and a form filled in LibreOffice Calc."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.reader.excel
import pytest
from corpus import (
    CREATED,
    PERIOD,
    catalog,
    changed_catalog,
    kendala_cell,
    locate,
    patch_member,
    realisasi_cell,
    sheet_member,
    write_good,
)
from factories import small_catalog
from libreoffice import _soffice_env, fill_like_a_person, fresh_profile, soffice_path

import kinerja_xl
from kinerja_xl.angka import parse_tanggal
from kinerja_xl.catalog.model import BatasCapaian
from kinerja_xl.forms import layout
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.intake import reader
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.result import Verdict
from kinerja_xl.period import parse_period

CAT = catalog()


def test_result_carries_everything_the_run_needs(tmp_path: Path) -> None:
    path = write_good(tmp_path / "DAFDUK.xlsx", CAT, changes={"E01": "1.000"},
                      keterangan={"E01": "SIAK, 31 Maret"}, kendala={"IK02": "Tidak ada kendala"})
    res = check_file(path, CAT, PERIOD, display_name="DAFDUK.xlsx")
    assert res.verdict is Verdict.ACCEPTED and res.file == "DAFDUK.xlsx"
    assert res.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert res.bidang == "DAFDUK" and res.period == "2025-TW1"
    assert res.template_version == kinerja_xl.TEMPLATE_VERSION
    assert res.form_id and res.form_id.startswith("KXL-2025-TW1-DAFDUK-")
    assert res.values == {"E01": 1000.0, "E02": 960.0, "E03": 1100.0, "E04": 85.0, "E05": 98.5}
    assert res.raw_values["E01"] == "1.000" and res.raw_values["E02"] == 960.0
    assert res.keterangan == {"E01": "SIAK, 31 Maret"} and res.kendala == {"IK02": "Tidak ada kendala"}
    assert res.tanggal == "2025-04-07"
    [warning] = res.findings
    assert warning.code == "nilai-teks-angka" and warning.cell == realisasi_cell(path, "E01")
    assert warning.sheet == layout.SHEET_ISIAN and warning.value == "1.000" and "1000" in warning.message


def test_second_quarter_reads_its_own_column_beside_the_context(tmp_path: Path) -> None:
    tw2 = parse_period("2025-TW2")
    path = write_form(CAT, "DAFDUK", tw2, tmp_path / "tw2.xlsx", created=CREATED,
                      history={1: {"E01": 990.0, "E02": 900.0}},
                      fill=FormFill(values={"E01": 1000, "E02": 980, "E03": 1100, "E05": 100}))
    res = check_file(path, CAT, tw2, display_name="tw2.xlsx")
    assert res.verdict is Verdict.ACCEPTED, [f.describe() for f in res.findings]
    assert res.values == {"E01": 1000.0, "E02": 980.0, "E03": 1100.0, "E04": None, "E05": 100.0}
    assert res.raw_values["E04"] is None


def test_capped_catalog_has_an_extra_column_and_is_still_read_by_header(tmp_path: Path) -> None:
    cat = small_catalog(batas_capaian=BatasCapaian.C120)
    path = write_good(tmp_path / "c.xlsx", cat, changes={"E02": 800})
    res = check_file(path, cat, PERIOD, display_name="c.xlsx")
    cell = kendala_cell(path, "IK01")
    assert cell.startswith("L")  # one column further right than without a cap
    assert [(f.code, f.cell) for f in res.errors] == [("isian-kendala-kosong", cell)]


def test_cross_bidang_indicator_is_not_judged_on_the_form(tmp_path: Path) -> None:
    path = write_good(tmp_path / "PIAK.xlsx", CAT, "PIAK")
    res = check_file(path, CAT, PERIOD, display_name="PIAK.xlsx")
    assert res.verdict is Verdict.ACCEPTED and res.findings == []
    assert res.values == {"E09": 3.0, "E10": 400.0}


def test_outdated_form_is_reported_once_and_its_values_still_read(tmp_path: Path) -> None:
    path = write_good(tmp_path / "old.xlsx", changed_catalog(CAT))
    res = check_file(path, CAT, PERIOD, display_name="old.xlsx")
    assert [f.code for f in res.findings] == ["berkas-katalog-berubah"]
    assert res.values["E01"] == 1000.0


def test_never_raises_on_damaged_bytes(tmp_path: Path) -> None:
    good = write_good(tmp_path / "g.xlsx", CAT).read_bytes()
    rng = random.Random(3)
    blobs = [bytes(rng.randrange(256) for _ in range(n)) for n in (1, 10, 600)]
    for _ in range(40):
        data = bytearray(good)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        blobs.append(bytes(data))
    blobs += [good[:n] for n in (4, 100, len(good) - 22, len(good) - 1)]
    for i, blob in enumerate(blobs):
        path = tmp_path / f"b{i}.xlsx"
        path.write_bytes(blob)
        res = check_file(path, CAT, PERIOD, display_name=path.name)
        assert res.verdict in (Verdict.ACCEPTED, Verdict.RETURNED)
        assert res.verdict is Verdict.ACCEPTED or res.errors
        assert path.read_bytes() == blob
    missing = check_file(tmp_path / "tidak-ada.xlsx", CAT, PERIOD, display_name="tidak-ada.xlsx")
    assert [f.code for f in missing.findings] == ["berkas-tidak-terbaca"]


def test_one_calamine_open_and_no_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_good(tmp_path / "g.xlsx", CAT, changes={"E02": 800})
    opens: list[object] = []
    real = reader.pc.CalamineWorkbook

    class Counting:
        @staticmethod
        def from_object(obj: Any) -> object:
            opens.append(obj)
            return real.from_object(obj)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl used while checking a file")

    monkeypatch.setattr(reader.pc, "CalamineWorkbook", Counting)
    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", forbidden)
    res = check_file(path, CAT, PERIOD, display_name="g.xlsx")
    assert len(opens) == 1
    assert [f.code for f in res.findings] == ["isian-kendala-kosong"]


@pytest.mark.libreoffice(uno=True)
def test_form_filled_and_saved_in_libreoffice_calc_is_accepted_with_the_typed_values(tmp_path: Path) -> None:
    blank = write_good(tmp_path / "kosong.xlsx", CAT, values={}, tanggal=None)
    typed = {"E01": 1250, "E02": 1200, "E03": 1004, "E04": 86.25, "E05": 99.5}
    cells: dict[tuple[str, str], object] = {(layout.SHEET_ISIAN, realisasi_cell(blank, k)): v for k, v in typed.items()}
    cells[(layout.SHEET_ISIAN, locate(blank, "E01", layout.H_KETERANGAN))] = "SIAK per 31 Maret 2025"
    cells[(layout.SHEET_ISIAN, kendala_cell(blank, "IK02"))] = "Blangko cukup"
    filled = tmp_path / "diisi-di-calc.xlsx"
    result = fill_like_a_person(blank, filled, cells)
    assert not result.refused
    res = check_file(filled, CAT, PERIOD, display_name=filled.name)
    assert res.verdict is Verdict.ACCEPTED, [f.describe() for f in res.findings]
    assert res.findings == []
    assert res.values == {k: float(v) for k, v in typed.items()}
    assert res.keterangan == {"E01": "SIAK per 31 Maret 2025"} and res.kendala == {"IK02": "Blangko cukup"}
    assert res.form_id and res.bidang == "DAFDUK"


def test_never_raises_on_broken_xml_inside_a_valid_zip(tmp_path: Path) -> None:
    good = write_good(tmp_path / "g.xlsx", CAT)
    rng = random.Random(7)
    members = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
               "docProps/custom.xml", "[Content_Types].xml", sheet_member(good, layout.SHEET_ISIAN),
               sheet_member(good, layout.SHEET_META)]
    for i in range(48):
        member = members[i % len(members)]

        def damage(xml: bytes, cut: bool = i % 3 == 0) -> bytes:
            data = bytearray(xml)
            if cut:
                return bytes(data[: rng.randrange(len(data))])  # cut short
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.choice(b'<>"&/=x0 ')
            return bytes(data)
        path = patch_member(good, tmp_path / f"x{i}.xlsx", member, damage)
        before = path.read_bytes()
        res = check_file(path, CAT, PERIOD, display_name=path.name)
        assert res.verdict is Verdict.ACCEPTED or res.errors
        assert path.read_bytes() == before


@pytest.mark.parametrize(("raw", "iso"), [
    (dt.date(2025, 4, 5), "2025-04-05"), (dt.datetime(2025, 4, 5, 10, 30), "2025-04-05"),
    ("05/04/2025", "2025-04-05"), ("5-4-2025", "2025-04-05"), ("2025-04-05", "2025-04-05"),
    ("5 April 2025", "2025-04-05"), ("5 Agustus 2025", "2025-08-05"), ("17 agt 2025", "2025-08-17"),
    ("31 Februari 2025", None), ("awal April", None), ("", None),
])
def test_pengesahan_date(raw: object, iso: str | None) -> None:
    day = parse_tanggal(raw)
    assert (day.isoformat() if day else None) == iso


@pytest.mark.libreoffice
def test_real_ods_and_xls_saved_by_libreoffice_are_returned_asking_for_xlsx(tmp_path: Path) -> None:
    good = write_good(tmp_path / "DAFDUK.xlsx", CAT)
    soffice = soffice_path()
    assert soffice is not None
    made = []
    for ext, filt in (("ods", "ods:calc8"), ("xls", "xls:MS Excel 97")):
        out = tmp_path / ext
        with fresh_profile() as profile:
            subprocess.run([soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                            f"-env:UserInstallation={profile.as_uri()}", "--convert-to", filt,
                            "--outdir", str(out), str(good)],
                           check=True, capture_output=True, timeout=120, env=_soffice_env())
        made.append((out / f"DAFDUK.{ext}", f"berkas-format-{ext}"))
    for path, code in made:
        res = check_file(path, CAT, PERIOD, display_name=path.name)
        assert [f.code for f in res.findings] == [code]
        assert res.verdict is Verdict.RETURNED and ".xlsx" in res.findings[0].message


def test_finding_value_is_the_cell_value_and_the_message_writes_it_the_indonesian_way(tmp_path: Path) -> None:
    path = write_good(tmp_path / "v.xlsx", CAT, changes={"E03": -1250.5, "E02": "1.100", "E01": 1000})
    res = check_file(path, CAT, PERIOD, display_name="v.xlsx")
    by_code = {f.code: f for f in res.findings}
    neg = by_code["nilai-negatif"]
    assert neg.value == -1250.5 and "-1.250,5" in neg.message and neg.cell == realisasi_cell(path, "E03")
    cov = by_code["nilai-pembilang-lebih-besar"]
    assert cov.value == "1.100" and "1.100" in cov.message and "1.000" in cov.message
    assert cov.to_dict()["value"] == "1.100"


def test_below_the_catalog_minimum(tmp_path: Path) -> None:
    import dataclasses
    cat = dataclasses.replace(CAT, elemen=tuple(dataclasses.replace(e, min=10.0) if e.kode == "E03" else e
                                                 for e in CAT.elemen))
    path = write_good(tmp_path / "m.xlsx", cat, changes={"E03": 4})
    res = check_file(path, cat, PERIOD, display_name="m.xlsx")
    assert [(f.code, f.cell) for f in res.errors] == [("nilai-di-bawah-minimum", realisasi_cell(path, "E03"))]
    assert "10" in res.errors[0].message
