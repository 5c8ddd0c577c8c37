"""Capaian computed by hand from the submitted values, found in the recap (cached values, before recalculation).

One indicator of each polarity × aggregation type of the sample catalog, plus
range targets, a blank quarter, a division by zero and the cap.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
import recap_data
from recap_data import read_table

from kinerja_xl.catalog.model import BatasCapaian
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.period import parse_period
from kinerja_xl.recap import write_recap

V = recap_data.value


def _recap(tmp_path: Path, period: str, cap: BatasCapaian = BatasCapaian.NONE) -> dict[str, dict]:
    catalog = build_sample_catalog()
    catalog = dataclasses.replace(catalog, instansi=dataclasses.replace(catalog.instansi, batas_capaian=cap))
    path = write_recap(catalog, parse_period(period), recap_data.submissions(catalog), tmp_path / "r.xlsx",
                       generated=recap_data.GENERATED).path
    return read_table(openpyxl.load_workbook(path, data_only=True)["Capaian Indikator"])


def _blank(value: object) -> bool:
    return value is None or value == ""


@pytest.fixture(scope="module")
def s1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return _recap(tmp_path_factory.mktemp("s1"), "2025-S1")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    return _recap(tmp_path_factory.mktemp("y"), "2025")


def test_positif_nilai_akhir(s1: dict[str, dict]) -> None:
    row = s1["IK01"]  # DAF03 / DAF01 * 100, targets TW II 97.9, tahunan 98.5
    r1 = 441_200 / 452_300 * 100
    r2 = 442_600 / 453_100 * 100
    assert row["Realisasi TW I"] == pytest.approx(r1)
    assert row["Realisasi TW II"] == pytest.approx(r2)
    assert row["Realisasi s.d. TW II"] == pytest.approx(r2)  # the latest quarter, not the sum
    assert row["Capaian TW II (%)"] == pytest.approx(r2 / 97.9 * 100)
    assert row["Target s.d. TW II"] == pytest.approx(97.9)  # nilai akhir: the TW II level
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx(r2 / 97.9 * 100)
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx(r2 / 98.5 * 100)
    assert row["Predikat s.d. TW II"] == "Sangat Tinggi"
    assert _blank(row["Realisasi TW III"]) and _blank(row["Capaian TW III (%)"])


def test_positif_kumulatif(s1: dict[str, dict]) -> None:
    row = s1["IK09"]  # CAP05 + CAP06 + CAP07 + CAP08, TW II target 4000, tahunan 16000
    r1 = 2850 + 510 + 180 + 45
    r2 = 3020 + 570 + 210 + 52
    assert row["Realisasi s.d. TW II"] == pytest.approx(r1 + r2)
    assert row["Capaian TW II (%)"] == pytest.approx(r2 / 4000 * 100)
    assert row["Target s.d. TW II"] == pytest.approx(3800 + 4000)  # kumulatif: the quarters' targets summed
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx((r1 + r2) / 7800 * 100)
    assert row["Predikat s.d. TW II"] == "Sangat Tinggi"  # 95 % of the target to date: on plan
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx((r1 + r2) / 16000 * 100)  # 46 %


def test_positif_rata_rata_with_a_blank_quarter(s1: dict[str, dict]) -> None:
    row = s1["IK11"]  # PIA03, target 99 every quarter
    assert row["Realisasi s.d. TW II"] == pytest.approx((99.2 + 98.7) / 2)
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx((99.2 + 98.7) / 2 / 99 * 100)
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx((99.2 + 98.7) / 2 / 99 * 100)
    ikm = s1["IK15"]  # PDI03 was not surveyed in TW II: blank, and the mean is over TW I only
    assert _blank(ikm["Realisasi TW II"]) and _blank(ikm["Capaian TW II (%)"])
    assert ikm["Realisasi s.d. TW II"] == pytest.approx(84.6)
    assert ikm["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx(84.6 / 85 * 100)


def test_negatif_rata_rata(s1: dict[str, dict]) -> None:
    row = s1["IK06"]  # DAF11 / DAF10 days, target 3, negative linear: (2T - R) / T * 100
    r1, r2 = 60_060 / 21_450, 69_020 / 23_800
    mean = (r1 + r2) / 2
    assert row["Realisasi s.d. TW II"] == pytest.approx(mean)
    assert row["Capaian TW I (%)"] == pytest.approx((2 * 3 - r1) / 3 * 100)
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx((2 * 3 - mean) / 3 * 100)
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] > 100  # faster than the target is better


def test_negatif_nilai_akhir_blank_and_division_by_zero(s1: dict[str, dict], year: dict[str, dict]) -> None:
    row = s1["IK19"]  # SEK04 / SEK03 * 100; TW I had no audit (blank), targets TW II 20, tahunan 5
    assert _blank(row["Realisasi TW I"]) and _blank(row["Capaian TW I (%)"])
    r2 = 3 / 12 * 100
    assert row["Realisasi s.d. TW II"] == pytest.approx(r2)
    assert row["Capaian TW II (%)"] == pytest.approx((2 * 20 - r2) / 20 * 100)
    assert row["Predikat TW II"] == "Sedang"  # 75
    assert row["Target s.d. TW II"] == pytest.approx(20)
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx((2 * 20 - r2) / 20 * 100)  # 75
    assert row["Predikat s.d. TW II"] == "Sedang"
    # against the annual target of 5 the linear rule goes below zero: shown raw, judged at the floor 0
    assert row["Progres s.d. TW II tanpa batas (%)"] == pytest.approx((2 * 5 - r2) / 5 * 100)  # -300
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == 0
    y = year["IK19"]  # TW III: 0 recommendations → 0/0 is no value, shown blank
    assert _blank(y["Realisasi TW III"]) and _blank(y["Capaian TW III (%)"])
    r4 = 1 / 12 * 100
    assert y["Realisasi s.d. TW IV"] == pytest.approx(r4)
    assert y["Capaian s.d. TW IV thd Target s.d. TW IV (%)"] == pytest.approx((2 * 5 - r4) / 5 * 100)


def test_rentang_nilai_akhir(s1: dict[str, dict]) -> None:
    row = s1["IK05"]  # DAF08 / DAF09 months of stock, target range 2–3
    assert row["Target TW I"] == "2–3"
    assert row["Capaian TW I (%)"] == pytest.approx(100)  # 2.42: inside the range
    r2 = 7800 / 2310
    assert r2 > 3
    assert row["Capaian TW II (%)"] == pytest.approx((2 * 3 - r2) / 3 * 100)  # above: the negative rule on 3
    assert row["Target Tahunan Batas Bawah"] == 2 and row["Target Tahunan Batas Atas"] == 3


def test_positif_range_target(s1: dict[str, dict]) -> None:
    row = s1["IK08"]  # CAP04 / CAP03 * 100, TW II 60–70, tahunan 70–80
    r2 = 1080 / 1640 * 100
    assert row["Capaian TW II (%)"] == pytest.approx(100)
    assert row["Progres s.d. TW II thd Target Tahunan (%)"] == pytest.approx(r2 / 70 * 100)  # below: vs 70
    assert row["Target s.d. TW II"] == "60–70"
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx(100)  # inside the TW II range


def test_missing_quarter_uses_the_latest_reported(year: dict[str, dict]) -> None:
    row = year["IK10"]  # PIAK has not sent TW IV; nilai akhir takes TW III
    r3 = 85_100 / 448_300 * 100
    assert _blank(row["Realisasi TW IV"])
    assert row["Realisasi s.d. TW IV"] == pytest.approx(r3)
    assert row["Capaian s.d. TW IV thd Target s.d. TW IV (%)"] == pytest.approx(r3 / 25 * 100)
    assert _blank(row["Predikat TW IV"])


def test_cap_keeps_the_uncapped_value_visible(tmp_path: Path) -> None:
    rows = _recap(tmp_path, "2025-S1", BatasCapaian.C100)
    row = rows["IK06"]
    mean = (60_060 / 21_450 + 69_020 / 23_800) / 2
    uncapped = (2 * 3 - mean) / 3 * 100
    assert row["Capaian s.d. TW II tanpa batas (%)"] == pytest.approx(uncapped)
    assert row["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx(100)
    low = rows["IK09"]  # below the cap: unchanged
    assert low["Capaian s.d. TW II thd Target s.d. TW II (%)"] == pytest.approx(low["Capaian s.d. TW II tanpa batas (%)"])


# --- issue 10: target to date, floor, dari elemen, target 0, incomplete data -------------------------


def test_s1_rates_no_on_plan_indicator_below_sangat_tinggi(s1: dict[str, dict]) -> None:
    """On plan = every quarter of the semester at or above its quarter target."""
    on_plan = [k for k, r in s1.items()
               if all(isinstance(r[f"Capaian TW {q} (%)"], (int, float)) and r[f"Capaian TW {q} (%)"] >= 100
                      for q in ("I", "II"))]
    assert len(on_plan) >= 5
    assert {k: s1[k]["Predikat s.d. TW II"] for k in on_plan} == {k: "Sangat Tinggi" for k in on_plan}


def test_no_judged_capaian_below_zero_in_any_sample_recap(tmp_path: Path) -> None:
    catalog = build_sample_catalog()
    negative_raw = []
    for code in ("2025-TW1", "2025-TW2", "2025-TW3", "2025-TW4", "2025-S1", "2025-S2", "2025"):
        path = write_recap(catalog, parse_period(code), recap_data.submissions(catalog), tmp_path / f"{code}.xlsx",
                           generated=recap_data.GENERATED).path
        wb = openpyxl.load_workbook(path, data_only=True)
        for sheet in ("Capaian Indikator", "Rencana Aksi", "IKU", "Per Bidang", "Per Sasaran"):
            for key, row in read_table(wb[sheet]).items():
                for header, v in row.items():
                    if not isinstance(v, (int, float)) or not str(header).endswith("(%)"):
                        continue
                    if "tanpa batas" not in header:
                        assert v >= 0, (code, sheet, key, header, v)
                    elif v < 0:
                        negative_raw.append((code, key, header))
    # the unfloored value stays visible beside the floored one: IK19's progress against 5 is -300
    assert ("2025-S1", "IK19", "Progres s.d. TW II tanpa batas (%)") in negative_raw
    assert ("2025-TW3", "IK19", "Capaian s.d. TW III tanpa batas (%)") in negative_raw


def test_dari_elemen_is_the_ratio_of_the_sums(year: dict[str, dict]) -> None:
    row = year["IK16"]  # PDI05 / PDI04 * 100 over the year's complaints (both kumulatif)
    assert row["Agregasi"] == "dari elemen"
    ratio_of_sums = (6 + 11 + 7 + 5) / (142 + 167 + 151 + 129) * 100  # 4.92 %
    assert row["Realisasi s.d. TW IV"] == pytest.approx(ratio_of_sums)
    mean_of_ratios = (6 / 142 + 11 / 167 + 7 / 151 + 5 / 129) / 4 * 100  # 4.83 %: not this
    assert abs(row["Realisasi s.d. TW IV"] - mean_of_ratios) > 0.05
    assert row["Capaian s.d. TW IV thd Target s.d. TW IV (%)"] == pytest.approx((2 * 5 - ratio_of_sums) / 5 * 100)
    assert row["Realisasi TW II"] == pytest.approx(11 / 167 * 100)  # a quarter is still that quarter's ratio


def test_target_zero_indicator_of_the_sample(year: dict[str, dict]) -> None:
    row = year["IK20"]  # repeated audit findings, target 0: none in TW I, II and IV, one in TW III
    assert [row[f"Capaian TW {q} (%)"] for q in ("I", "II", "III", "IV")] == [100, 100, 0, 100]
    assert row["Capaian s.d. TW IV thd Target s.d. TW IV (%)"] == 0
    assert row["Predikat s.d. TW IV"] == "Sangat Rendah"
    assert "target 0: capaian 100% bila realisasi 0 atau kurang, 0% bila lebih" in row["Catatan"]


def test_rows_from_incomplete_data_say_so(year: dict[str, dict], s1: dict[str, dict]) -> None:
    # PIAK has not sent TW IV: its indicators carry the mark, no other row does
    piak = [k for k, r in year.items() if r["Bidang"] == "PIAK"]
    assert piak and all(year[k]["Catatan"] == "data belum lengkap: TW IV bidang PIAK belum diterima" for k in piak)
    assert not any(r["Catatan"] and "belum lengkap" in r["Catatan"] for k, r in year.items() if k not in piak)
    assert not any(r["Catatan"] and "belum lengkap" in r["Catatan"] for r in s1.values())
