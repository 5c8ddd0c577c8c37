"""The committed samples stay in step with the code that writes them; the demo runs the whole cycle."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from kinerja_xl.cli import cli
from kinerja_xl.forms import layout

ROOT = Path(__file__).resolve().parent.parent


def _load_make_samples():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "samples" / "make_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workbook_content(path: Path) -> dict[str, object]:
    """What a person (and intake) sees: every cell of every sheet, sheet states, custom properties."""
    wb = openpyxl.load_workbook(path)
    content: dict[str, object] = {
        ws.title: (ws.sheet_state, [(c.coordinate, c.value) for row in ws.iter_rows() for c in row
                                    if c.value is not None])
        for ws in wb.worksheets
    }
    content["properties"] = zipfile.ZipFile(path).read("docProps/custom.xml")
    return content


def test_committed_samples_match_a_fresh_build(tmp_path: Path) -> None:
    fresh = _load_make_samples().build(tmp_path)
    assert len(fresh) == 29
    for path in fresh:
        rel = path.relative_to(tmp_path)
        committed = ROOT / rel
        assert committed.is_file(), f"{rel} is not committed: run python samples/make_samples.py"
        if path.suffix == ".xlsx" and not path.name.startswith("~$"):
            assert workbook_content(committed) == workbook_content(path), (
                f"{rel} differs from the form template: run python samples/make_samples.py")
        else:
            assert committed.read_bytes() == path.read_bytes()
    committed_files = {p.relative_to(ROOT) for d in ("blank_forms", "samples/masuk", "samples/revisi")
                       for p in (ROOT / d).rglob("*") if p.is_file()}
    assert committed_files == {p.relative_to(tmp_path) for p in fresh}


def test_blank_forms_carry_their_metadata() -> None:
    for path in sorted((ROOT / "blank_forms" / "2025-TW1").glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        meta = {r[0]: r[1] for r in wb[layout.SHEET_META].iter_rows(values_only=True)}
        assert meta[layout.META_PERIOD] == "2025-TW1"
        assert path.name.startswith(f"{meta[layout.META_BIDANG]} ")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    target = tmp_path_factory.mktemp("demo") / "kinerja-demo"
    result = CliRunner().invoke(cli, ["demo", str(target)])
    return target, result.output, result.exit_code


def test_demo_runs_the_whole_cycle_and_says_where_the_outputs_are(demo_run: tuple[Path, str, int]) -> None:
    target, output, code = demo_run
    assert code == 0, output
    assert "Pemeriksaan Triwulan I Tahun 2025: 7 berkas isian — 5 diterima, 2 dikembalikan, 2 dilewati." in output
    assert "Hasil demo:" in output
    listed = [line.split(": ", 1)[1] for line in output.split("Hasil demo:\n", 1)[1].splitlines() if ": " in line]
    assert len(listed) == 11
    assert f"Buka folder demo di peramban dengan  kinerja-xl serve -w {target}  lalu http://127.0.0.1:8000" in output
    for text in listed:
        assert Path(text).exists(), text
    for name in ("rekap-2025-TW4.xlsx", "rekap-2025-S1.xlsx", "rekap-2025-S2.xlsx", "rekap-2025.xlsx",
                 "capaian-2025.csv", "anggaran-2025.csv", "lkjip-bab3-2025.docx"):
        assert (target / "rekap" / name).is_file()
    # the two returned forms were corrected (samples/revisi): their umpan balik moved aside
    assert sorted(p.name for p in (target / "umpan-balik" / "2025-TW1").iterdir()) == ["sudah-diganti"]
    returned = sorted(p.name for p in (target / "umpan-balik" / "2025-TW1" / "sudah-diganti").iterdir())
    assert returned == ["CAPIL Pelayanan Pencatatan Sipil.xlsx", "SEK Sekretariat.xlsx"]
    assert len(list((target / "arsip" / "2025-TW1").iterdir())) == 5


def test_demo_inbox_equals_the_committed_samples(demo_run: tuple[Path, str, int]) -> None:
    target, _, _ = demo_run
    for q in (2, 3, 4):
        for committed in sorted((ROOT / "samples" / "masuk" / f"2025-TW{q}").iterdir()):
            assert workbook_content(target / "masuk" / f"2025-TW{q}" / committed.name) == workbook_content(committed)


def test_demo_never_writes_into_a_folder_with_content(tmp_path: Path) -> None:
    (tmp_path / "isi.txt").write_text("punya pengguna")
    result = CliRunner().invoke(cli, ["demo", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (f"Error: Folder {tmp_path} sudah berisi berkas. Jalankan demo di folder baru, "
                             f"misalnya: kinerja-xl demo {tmp_path.name}-baru\n")
    assert [p.name for p in tmp_path.iterdir()] == ["isi.txt"]
