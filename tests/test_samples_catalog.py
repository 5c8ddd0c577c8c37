"""The committed sample catalog: loads cleanly, equals what make_katalog.py builds, and is realistic."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from kinerja_xl.catalog.loader import load_catalog
from kinerja_xl.catalog.model import Agregasi, Catalog, Polaritas, TipeElemen
from kinerja_xl.contoh.catalog import build_sample_catalog

SAMPLES = Path(__file__).parent.parent / "samples"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_sample_catalog()


def test_committed_sample_loads_without_findings() -> None:
    result = load_catalog(SAMPLES / "katalog.xlsx")
    assert result.findings == []
    assert result.catalog == build_sample_catalog()


def test_make_katalog_script_builds_the_same_catalog(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_katalog", SAMPLES / "make_katalog.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.main(tmp_path / "katalog.xlsx")
    fresh = load_catalog(out)
    committed = load_catalog(SAMPLES / "katalog.xlsx")
    assert fresh.catalog is not None and fresh.catalog == committed.catalog


def test_instansi_is_complete(catalog: Catalog) -> None:
    ins = catalog.instansi
    assert ins.pemerintah_daerah == "Pemerintah Kabupaten Contoh"
    assert ins.nama_opd == "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh"
    assert ins.tahun == 2025
    for name in ("alamat", "kepala_nama", "kepala_nip", "kepala_jabatan", "sekretaris_nama", "sekretaris_nip",
                 "penyusun_nama", "penyusun_nip", "penyusun_jabatan"):
        assert getattr(ins, name), name


def test_nips_have_the_valid_shape(catalog: Catalog) -> None:
    ins = catalog.instansi
    nips = [ins.kepala_nip, ins.sekretaris_nip, ins.penyusun_nip, *(b.kepala_nip for b in catalog.bidang)]
    for nip in nips:
        m = re.fullmatch(r"(19\d\d)(\d\d)(\d\d)(20\d\d|19\d\d)(\d\d)([12])(\d{3})", nip)
        assert m, nip
        assert 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31 and 1 <= int(m[5]) <= 12
        assert int(m[4]) - int(m[1]) >= 18  # appointed as an adult


def test_sizes_and_variety(catalog: Catalog) -> None:
    assert {"SEK", "DAFDUK", "CAPIL", "PIAK", "PDIP"} <= set(catalog.bidang_by_kode)
    assert len(catalog.sasaran) >= 4
    assert len(catalog.indikator) >= 15
    assert len(catalog.elemen) >= 25
    ind = catalog.indikator
    assert {i.polaritas for i in ind} == set(Polaritas)
    assert {i.agregasi for i in ind} == set(Agregasi)
    assert {i.iku for i in ind} == {True, False}
    assert any(i.polaritas is Polaritas.RENTANG and i.target_tahunan.is_range for i in ind)
    assert any(i.polaritas is Polaritas.POSITIF and i.target_tahunan.is_range for i in ind)
    el = catalog.elemen
    assert {e.tipe for e in el} == set(TipeElemen)
    assert any(not e.wajib for e in el) and any(e.wajib for e in el)
    assert any(e.max is not None for e in el) and all(e.min is not None for e in el)
    assert all(e.max == 100 for e in el if e.tipe is TipeElemen.PERSEN)


def test_every_bidang_has_work_and_indicators_use_their_own_elements(catalog: Catalog) -> None:
    for b in catalog.bidang:
        assert catalog.elemen_of(b.kode) and catalog.indikator_of(b.kode), b.kode
    used = set()
    for i in catalog.indikator:
        assert i.sasaran in catalog.sasaran_by_kode
        for code in i.rumus.elements:
            assert catalog.elemen_by_kode[code].bidang == i.bidang, (i.kode, code)
        used.update(i.rumus.elements)
    assert used == set(catalog.elemen_by_kode)


def test_quarter_targets_follow_the_aggregation(catalog: Catalog) -> None:
    for i in catalog.indikator:
        tw = i.target_tw
        assert i.target_tahunan is not None and all(t is not None for t in tw), i.kode
        if i.agregasi is Agregasi.KUMULATIF:
            assert sum(t.value for t in tw) == pytest.approx(i.target_tahunan.value), i.kode
        elif i.agregasi is Agregasi.NILAI_AKHIR:
            assert tw[3] == i.target_tahunan, i.kode
            lows = [t.low for t in tw]
            assert lows == sorted(lows, reverse=i.polaritas is Polaritas.NEGATIF), i.kode
        else:
            assert all(t == i.target_tahunan for t in tw), i.kode


def test_dukcapil_indicators_are_there(catalog: Catalog) -> None:
    names = " | ".join(i.nama for i in catalog.indikator)
    for words in ("KTP-el", "Kartu Keluarga", "akta kelahiran", "KIA", "akta kematian",
                  "Identitas Kependudukan Digital", "perjanjian kerja sama", "inovasi", "kepuasan masyarakat",
                  "waktu penerbitan"):
        assert words.casefold() in names.casefold(), words
