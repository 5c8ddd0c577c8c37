"""Capaian TW n, capaian s.d. TW n (against the target to date) and progress against the annual
target, computed by hand for a kumulatif, a nilai-akhir and a rata-rata indicator of each polarity,
for TW I–IV, S1 and the year, and found in the recap (cached values, and the rows of the CSV).

Targets and figures are small round numbers so every expected value below is written out.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from recap_data import read_table

from kinerja_xl import rumus
from kinerja_xl.catalog.model import (
    Agregasi,
    BatasBawah,
    Bidang,
    Catalog,
    Elemen,
    Indikator,
    Instansi,
    Polaritas,
    PredikatProgres,
    Sasaran,
    Target,
    TipeElemen,
)
from kinerja_xl.ledger import AcceptedSubmission
from kinerja_xl.period import parse_period
from kinerja_xl.recap import build_model, write_recap
from kinerja_xl.recap.export import write_csv

T = Target.single
POS, NEG, RNG = Polaritas.POSITIF, Polaritas.NEGATIF, Polaritas.RENTANG
KUM, AKHIR, RATA = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR, Agregasi.RATA_RATA

# indicator -> (polaritas, agregasi, annual target, TW targets, TW values)
CASES = {
    # documents issued: 10 a quarter, 40 a year; 10, 12, 8, 10 issued
    "PK": (POS, KUM, T(40), (T(10), T(10), T(10), T(10)), (10, 12, 8, 10)),
    # coverage %: 60, 70, 80, 90 by quarter; 60, 63, 80, 99 reached
    "PA": (POS, AKHIR, T(90), (T(60), T(70), T(80), T(90)), (60, 63, 80, 99)),
    # score every quarter, target 80: 80, 90, 70, 88
    "PR": (POS, RATA, T(80), (T(80), T(80), T(80), T(80)), (80, 90, 70, 88)),
    # complaints left open: 5 a quarter, 20 a year; 5, 4, 9, 2
    "NK": (NEG, KUM, T(20), (T(5), T(5), T(5), T(5)), (5, 4, 9, 2)),
    # backlog %: 40, 30, 20, 10 by quarter; 40, 36, 10, 25
    "NA": (NEG, AKHIR, T(10), (T(40), T(30), T(20), T(10)), (40, 36, 10, 25)),
    # days per document, target 4: 4, 2, 6, 4
    "NR": (NEG, RATA, T(4), (T(4), T(4), T(4), T(4)), (4, 2, 6, 4)),
    # visits within 25-30 a quarter, 100-120 a year: 30, 20, 35, 25
    "RK": (RNG, KUM, Target(100, 120), (Target(25, 30),) * 4, (30, 20, 35, 25)),
    # stock months within 2-3: 2.5, 4, 1, 3
    "RA": (RNG, AKHIR, Target(2, 3), (Target(2, 3),) * 4, (2.5, 4, 1, 3)),
    # temperature within 18-24: 20, 30, 18, 24
    "RR": (RNG, RATA, Target(18, 24), (Target(18, 24),) * 4, (20, 30, 18, 24)),
}

# Expected, by hand: period -> indicator -> (target s.d., realisasi s.d., capaian s.d., progres)
# pos: R/T*100; neg: (2T-R)/T*100; a range: 100 inside, the lower bound below, the upper above.
EXPECTED = {
    "2025-TW1": {
        "PK": (10, 10, 100, 10 / 40 * 100), "PA": (60, 60, 100, 60 / 90 * 100), "PR": (80, 80, 100, 100),
        "NK": (5, 5, 100, (40 - 5) / 20 * 100), "NA": (40, 40, 100, (20 - 40) / 10 * 100),
        "NR": (4, 4, 100, 100),
        "RK": ("25–30", 30, 100, 30 / 100 * 100), "RA": ("2–3", 2.5, 100, 100), "RR": ("18–24", 20, 100, 100),
    },
    "2025-TW2": {
        "PK": (20, 22, 110, 22 / 40 * 100), "PA": (70, 63, 90, 70), "PR": (80, 85, 85 / 80 * 100, 85 / 80 * 100),
        "NK": (10, 9, 110, (40 - 9) / 20 * 100), "NA": (30, 36, (60 - 36) / 30 * 100, (20 - 36) / 10 * 100),
        "NR": (4, 3, (8 - 3) / 4 * 100, (8 - 3) / 4 * 100),
        "RK": ("50–60", 50, 100, 50), "RA": ("2–3", 4, (6 - 4) / 3 * 100, (6 - 4) / 3 * 100),
        "RR": ("18–24", 25, (48 - 25) / 24 * 100, (48 - 25) / 24 * 100),
    },
    "2025-TW3": {
        "PK": (30, 30, 100, 75), "PA": (80, 80, 100, 80 / 90 * 100), "PR": (80, 80, 100, 100),
        "NK": (15, 18, (30 - 18) / 15 * 100, (40 - 18) / 20 * 100), "NA": (20, 10, 150, 100),
        "NR": (4, 4, 100, 100),
        "RK": ("75–90", 85, 100, 85), "RA": ("2–3", 1, 50, 50), "RR": ("18–24", 68 / 3, 100, 100),
    },
    "2025-TW4": {
        "PK": (40, 40, 100, 100), "PA": (90, 99, 110, 110), "PR": (80, 82, 102.5, 102.5),
        "NK": (20, 20, 100, 100), "NA": (10, 25, -50, -50), "NR": (4, 4, 100, 100),
        "RK": ("100–120", 110, 100, 100), "RA": ("2–3", 3, 100, 100), "RR": ("18–24", 23, 100, 100),
    },
}
EXPECTED["2025-S1"] = EXPECTED["2025-TW2"]
EXPECTED["2025"] = EXPECTED["2025-TW4"]
#: capaian TW n of each quarter, by hand
QUARTER = {
    "PK": (100, 120, 80, 100), "PA": (100, 90, 100, 110), "PR": (100, 112.5, 87.5, 110),
    "NK": (100, 120, 20, 160), "NA": (100, 80, 150, -50), "NR": (100, 150, 50, 100),
    "RK": (100, 80, (60 - 35) / 30 * 100, 100), "RA": (100, (6 - 4) / 3 * 100, 50, 100),
    "RR": (100, (48 - 30) / 24 * 100, 100, 100),
}


def _catalog(**instansi: object) -> Catalog:
    elemen = tuple(Elemen(f"E{k}", f"Elemen {k}", "satuan", "B1", TipeElemen.DESIMAL, agregasi=c[1])
                   for k, c in CASES.items())
    indikator = tuple(
        Indikator(kode=k, sasaran="S1", nama=f"Indikator {k}", satuan="satuan", polaritas=c[0], agregasi=c[1],
                  rumus=rumus.parse(f"E{k}"), target_tahunan=c[2], target_tw=c[3], iku=True, bidang="B1")
        for k, c in CASES.items())
    return Catalog(
        instansi=Instansi(pemerintah_daerah="Pemerintah Kabupaten Uji", nama_opd="Dinas Uji", tahun=2025,
                          **instansi),  # type: ignore[arg-type]
        bidang=(Bidang("B1", "Bidang Uji"),), sasaran=(Sasaran("S1", "Sasaran uji"),),
        elemen=elemen, indikator=indikator)


def _subs(quarters: tuple[int, ...] = (1, 2, 3, 4)) -> list[AcceptedSubmission]:
    return [AcceptedSubmission(id=q, bidang="B1", period=f"2025-TW{q}", file_name=f"b1-tw{q}.xlsx", sha256=str(q),
                               received_at=f"2025-{3 * q:02d}-28T10:00:00", revision=0,
                               values={f"E{k}": float(c[4][q - 1]) for k, c in CASES.items()})
            for q in quarters]


@pytest.fixture(scope="module")
def recaps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict]]:
    tmp = tmp_path_factory.mktemp("three")
    out = {}
    for code in EXPECTED:
        path = write_recap(_catalog(), parse_period(code), _subs(), tmp / f"{code}.xlsx",
                           generated=dt.datetime(2026, 1, 10)).path
        out[code] = read_table(openpyxl.load_workbook(path, data_only=True)["Capaian Indikator"])
    return out


def _sd(code: str) -> str:
    return f"s.d. TW {('I', 'II', 'III', 'IV')[parse_period(code).last_quarter - 1]}"


@pytest.mark.parametrize("code", list(EXPECTED))
def test_three_figures_by_hand(recaps: dict[str, dict[str, dict]], code: str) -> None:
    rows = recaps[code]
    sd = _sd(code)
    for kode, (target_sd, real_sd, cap_sd, progres) in EXPECTED[code].items():
        row = rows[kode]
        assert row[f"Target {sd}"] == (target_sd if isinstance(target_sd, str) else pytest.approx(target_sd)), kode
        assert row[f"Realisasi {sd}"] == pytest.approx(real_sd), kode
        assert row[f"Capaian {sd} tanpa batas (%)"] == pytest.approx(cap_sd), kode
        assert row[f"Progres {sd} tanpa batas (%)"] == pytest.approx(progres), kode
        # judged at the floor 0 (the raw value stays beside it)
        assert row[f"Capaian {sd} thd Target {sd} (%)"] == pytest.approx(max(cap_sd, 0)), kode
        assert row[f"Progres {sd} thd Target Tahunan (%)"] == pytest.approx(max(progres, 0)), kode
        for q in parse_period(code).quarters:
            tw = f"TW {('I', 'II', 'III', 'IV')[q - 1]}"
            assert row[f"Capaian {tw} tanpa batas (%)"] == pytest.approx(QUARTER[kode][q - 1]), kode
            assert row[f"Capaian {tw} (%)"] == pytest.approx(max(QUARTER[kode][q - 1], 0)), kode


def test_on_plan_is_sangat_tinggi_at_mid_year(recaps: dict[str, dict[str, dict]]) -> None:
    """Exactly on plan by June: 100 % of the target to date, 50 % of the year's (no predikat on that)."""
    pk = recaps["2025-TW1"]["PK"]
    assert pk["Predikat s.d. TW I"] == "Sangat Tinggi"
    assert pk["Progres s.d. TW I thd Target Tahunan (%)"] == pytest.approx(25)
    assert "Predikat Progres s.d. TW I" not in pk  # no predikat on progress unless the catalog asks
    nk = recaps["2025-TW1"]["NK"]  # a negative flow exactly on pace: 100, not 175
    assert nk["Capaian s.d. TW I thd Target s.d. TW I (%)"] == pytest.approx(100)


def test_floor_keeps_the_unfloored_value_visible(recaps: dict[str, dict[str, dict]]) -> None:
    na = recaps["2025"]["NA"]  # 25 % backlog against 10: the linear rule gives -50
    assert na["Capaian TW IV tanpa batas (%)"] == pytest.approx(-50)
    assert na["Capaian TW IV (%)"] == 0
    assert na["Capaian s.d. TW IV tanpa batas (%)"] == pytest.approx(-50)
    assert na["Capaian s.d. TW IV thd Target s.d. TW IV (%)"] == 0
    assert na["Predikat s.d. TW IV"] == "Sangat Rendah"


def test_averages_use_the_floored_value(tmp_path: Path) -> None:
    model = build_model(_catalog(), parse_period("2025"), _subs())
    floored = [max(v[2], 0) for v in EXPECTED["2025"].values()]
    assert model.per_bidang[0].rata_sd == pytest.approx(sum(floored) / len(floored))
    assert model.rata_sd == pytest.approx(sum(floored) / len(floored))
    raw = build_model(_catalog(batas_bawah_capaian=BatasBawah.NONE), parse_period("2025"), _subs())
    assert raw.rata_sd == pytest.approx(sum(v[2] for v in EXPECTED["2025"].values()) / len(EXPECTED["2025"]))


def test_quarter_thresholds_judge_progress(tmp_path: Path) -> None:
    catalog = _catalog(predikat_progres=PredikatProgres.AMBANG_TRIWULAN)
    path = write_recap(catalog, parse_period("2025-S1"), _subs(), tmp_path / "p.xlsx",
                       generated=dt.datetime(2026, 1, 10)).path
    wb = openpyxl.load_workbook(path, data_only=True)
    rows = read_table(wb["Capaian Indikator"])
    # by TW II the top band starts at 45 % of the annual target (91 scaled by 45/91): PK at 55 % is on plan
    assert rows["PK"]["Predikat Progres s.d. TW II"] == "Sangat Tinggi"
    # 63 / 90 = 70 %: Sangat Tinggi too; a negative stock above its annual target gets the lowest band
    assert rows["NA"]["Predikat Progres s.d. TW II"] == "Sangat Rendah"
    skala = read_table(wb["Skala"])
    assert max(r["Batas Progres s.d. TW II (≥ % target tahunan)"] for r in skala.values()) == pytest.approx(45)
    ra = {r["Indikator Kinerja"]: r for r in read_table(wb["Rencana Aksi"]).values()}
    assert ra["Indikator PK"]["Predikat Progres s.d. TW II"] == "Sangat Tinggi"


def test_csv_keeps_the_three_figures_apart(tmp_path: Path) -> None:
    model = build_model(_catalog(), parse_period("2025-S1"), _subs())
    with write_csv(model, tmp_path / "c.csv").open(encoding="utf-8", newline="") as fh:
        rows = {(r["kode_indikator"], r["triwulan"]): r for r in csv.DictReader(fh)}
    pk = rows[("PK", "s.d. TW II")]
    assert (pk["target"], pk["capaian"], pk["target_tahunan"], pk["progres_thd_target_tahunan"]) == (
        "20", "110", "40", "55")
    assert rows[("PK", "TW II")]["capaian"] == "120"
    assert pk["data_belum_lengkap"] == ""


def test_incomplete_data_is_marked(tmp_path: Path) -> None:
    catalog = _catalog()
    path = write_recap(catalog, parse_period("2025"), _subs((1, 2, 3)), tmp_path / "y.xlsx",
                       generated=dt.datetime(2026, 1, 10)).path
    wb = openpyxl.load_workbook(path, data_only=True)
    note = "data belum lengkap: TW IV bidang B1 belum diterima"
    for sheet in ("Capaian Indikator", "Rencana Aksi", "IKU"):
        assert all(r["Catatan"] == note for r in read_table(wb[sheet]).values()), sheet
    assert "DATA BELUM LENGKAP" in wb["Ringkasan"]["A3"].value
    model = build_model(catalog, parse_period("2025"), _subs((1, 2, 3)))
    assert model.belum_diterima == (("B1", 4),)
    with write_csv(model, tmp_path / "c.csv").open(encoding="utf-8", newline="") as fh:
        flags = {(r["kode_indikator"], r["triwulan"]): r["data_belum_lengkap"] for r in csv.DictReader(fh)}
    assert flags[("PK", "s.d. TW IV")] == "ya" and flags[("PK", "TW IV")] == "ya" and flags[("PK", "TW I")] == ""
    complete = build_model(catalog, parse_period("2025"), _subs())
    assert complete.belum_diterima == () and all(r.catatan == "" for r in complete.indikator)


def test_target_zero_is_scored_with_a_note(tmp_path: Path) -> None:
    catalog = _catalog()
    zero = dataclasses.replace(catalog.indikator[3], kode="NZ", target_tahunan=T(0), target_tw=(T(0),) * 4)
    catalog = dataclasses.replace(catalog, indikator=(*catalog.indikator, zero))
    model = build_model(catalog, parse_period("2025-S1"), _subs())
    nz = next(r for r in model.indikator if r.indikator.kode == "NZ")  # E NK: 5, 4 complaints against 0
    assert nz.capaian_tw[:2] == (0.0, 0.0) and nz.capaian_sd == 0.0 and nz.predikat_sd == "Sangat Rendah"
    assert "target 0" in nz.catatan
