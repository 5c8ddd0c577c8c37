"""LKjIP Bab III: the Word draft read back the way a person reads it, against the annual recap's model.

Numbers in the document are parsed back from their Indonesian writing (``1.234,56``) and
compared with the recap model that the annual recap workbook is written from.
"""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
import recap_data
from click.testing import CliRunner
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from libreoffice import needs_libreoffice

from kinerja_xl.angka import parse_text_number
from kinerja_xl.cli import cli
from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.lkjip.document import write_lkjip
from kinerja_xl.lkjip.figures import build_figures
from kinerja_xl.period import parse_period
from kinerja_xl.recap import build_model
from kinerja_xl.recap.model import RecapModel

YEAR = parse_period("2025")


@pytest.fixture(scope="module")
def model() -> RecapModel:
    catalog = build_sample_catalog()
    return build_model(catalog, YEAR, recap_data.submissions(catalog))


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory, model: RecapModel) -> Path:
    path = tmp_path_factory.mktemp("lkjip") / "lkjip-bab3-2025.docx"
    return write_lkjip(model, path, earlier={2024: {"IK01": 97.5}}, generated=recap_data.GENERATED)


def blocks(path: Path) -> list[Paragraph | Table]:
    """The body's paragraphs and tables in document order."""
    doc = Document(str(path))
    return list(doc.iter_inner_content())


def number(text: str) -> float | None:
    text = text.strip()
    if text in ("–", "", "-"):
        return None
    value = parse_text_number(text)
    assert value is not None, text
    return value


def sections(path: Path) -> dict[str, list[Paragraph | Table]]:
    """IKU code -> the blocks under its Heading 3 (up to the next heading)."""
    out: dict[str, list[Paragraph | Table]] = {}
    current: list[Paragraph | Table] | None = None
    for b in blocks(path):
        if isinstance(b, Paragraph) and b.style is not None and b.style.name.startswith("Heading"):
            current = None
            if b.style.name == "Heading 3":
                current = out.setdefault(b.text, [])
            continue
        if current is not None:
            current.append(b)
    return out


def table_rows(t: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in t.rows]


def test_each_iku_has_its_heading_table_chart_and_paragraph(draft: Path, model: RecapModel) -> None:
    iku = [r for r in model.indikator if r.indikator.iku]
    assert len(iku) >= 5
    found = sections(draft)
    assert len(found) == len(iku)
    for r in iku:
        ind = r.indikator
        heading = next(h for h in found if h.endswith(f": {ind.nama}") and h.startswith("IKU "))
        content = found[heading]
        tables = [b for b in content if isinstance(b, Table)]
        assert len(tables) == 2, heading
        measure = table_rows(tables[0])
        assert measure[0][:4] == ["Periode", f"Target ({ind.satuan})", f"Realisasi ({ind.satuan})", "Capaian (%)"]
        year = {row[0]: row for row in measure}["Tahun 2025"]
        assert number(year[2]) == pytest.approx(r.realisasi_sd, abs=0.005)
        assert number(year[3]) == pytest.approx(r.capped_sd, abs=0.005)
        assert year[4] == r.predikat_sd
        for q in range(1, 5):
            row = measure[q]
            want = r.realisasi_tw[q - 1]
            assert (number(row[2]) is None) if want is None else number(row[2]) == pytest.approx(want, abs=0.005)
            cap = r.capped_tw[q - 1]
            assert (number(row[3]) is None) if cap is None else number(row[3]) == pytest.approx(cap, abs=0.005)
        if not ind.target_tahunan.is_range:
            assert number(year[1]) == pytest.approx(ind.target_tahunan.value)
        pictures = [b for b in content if isinstance(b, Paragraph) and b._p.xpath(".//pic:pic")]
        assert len(pictures) == 1 and pictures[0]._p.xpath(".//wp:inline")  # an inline picture
        text = next(b.text for b in content if isinstance(b, Paragraph) and b.text.startswith("Pada tahun 2025"))
        assert ind.nama in text
        m = re.search(r"terealisasi ([\d.,]+)", text)
        assert m and number(m.group(1)) == pytest.approx(r.realisasi_sd, abs=0.005)
        m = re.search(r"capaiannya ([\d.,]+) % dengan predikat (\w[\w ]*?)\.", text)
        assert m and number(m.group(1)) == pytest.approx(r.capped_sd, abs=0.005), text
        assert m.group(2) == r.predikat_sd
        assert ("Target tercapai" in text) == (r.capped_sd >= 100)


def test_comparison_table_years_renstra_end_target_and_ledger_years(draft: Path, model: RecapModel) -> None:
    found = sections(draft)
    heading = next(h for h in found if h.endswith("memiliki KTP-el") and "IK" in h)
    comparison = table_rows([b for b in found[heading] if isinstance(b, Table)][1])
    rows = {row[0]: row for row in comparison[1:]}
    plan = model.catalog.renstra_by_indikator["IK01"]
    renstra = next(r for r in model.renstra if r.indikator.kode == "IK01")
    # 2023 from the Renstra sheet, 2024 from the ledger (replacing the sheet's figure), 2025 the recap
    assert number(rows["2023"][2]) == pytest.approx(plan.realisasi[0]) and rows["2023"][4] == "lembar Renstra"
    assert number(rows["2024"][2]) == pytest.approx(97.5) and rows["2024"][4] == "daftar kiriman"
    assert number(rows["2024"][3]) == pytest.approx(97.5 / plan.target[1] * 100, abs=0.005)
    ik01 = next(r for r in model.indikator if r.indikator.kode == "IK01")
    assert number(rows["2025"][2]) == pytest.approx(ik01.realisasi_sd, abs=0.005)
    end = next(row for key, row in rows.items() if key.startswith("Target akhir Renstra"))
    assert number(end[1]) == pytest.approx(renstra.target_akhir)
    assert number(end[3]) == pytest.approx(renstra.capaian_akhir, abs=0.005)
    text = " ".join(b.text for b in found[heading] if isinstance(b, Paragraph))
    assert "Dibandingkan tahun 2024 (97,5 %, sumber: daftar kiriman)" in text


def test_budget_summary_per_program_and_budget_line(draft: Path, model: RecapModel) -> None:
    from kinerja_xl.recap.sheets.serapan import program_rows

    programs = [p for p, _ in program_rows(model)]
    tables = [b for b in blocks(draft) if isinstance(b, Table)]
    budget = table_rows(tables[-1])
    assert budget[0][:6] == ["No", "Kode", "Program", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)"]
    by_kode = {row[1]: row for row in budget[1:]}
    assert len(programs) >= 2
    for p in programs:
        row = by_kode[p.kode]
        assert number(row[3]) == pytest.approx(p.pagu) and number(row[4]) == pytest.approx(p.realisasi)
        assert number(row[5]) == pytest.approx(p.serapan, abs=0.005)
    total = next(row for row in budget if row[2] == "Jumlah")
    assert number(total[3]) == pytest.approx(sum(p.pagu for p in programs))
    texts = [b.text for b in blocks(draft) if isinstance(b, Paragraph)]
    assert any(t.startswith("Sasaran ini didukung oleh ") and "serapan" in t for t in texts)


def test_named_styles_for_restyling_in_word(draft: Path) -> None:
    doc = Document(str(draft))
    assert {t.style.name for t in doc.tables} == {"Tabel LKjIP"}
    used = {p.style.name for p in doc.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Caption", "Normal", "Gambar"} <= used
    assert not any(run.bold or run.font.size for p in doc.paragraphs for run in p.runs)  # no formatting by hand
    cells = {p.style.name for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs}
    assert cells == {"Kepala Tabel", "Isi Tabel", "Angka Tabel"}


def test_missing_facts_are_bracketed_not_invented(tmp_path: Path) -> None:
    catalog = dataclasses.replace(build_sample_catalog(), renstra=(), anggaran=())
    subs = [s for s in recap_data.submissions(catalog) if not s.period.endswith("TW4")]
    model = build_model(catalog, YEAR, subs)
    figures = build_figures(model)
    assert all(f.renstra is None and not f.programs for f in figures.iku)
    path = write_lkjip(model, tmp_path / "d.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "[target akhir Renstra belum ada di katalog" in text
    assert "[realisasi tahun 2024 tidak ada di daftar kiriman maupun lembar Renstra" in text
    assert "[program pendukung sasaran ini dan anggarannya belum terhubung" in text
    assert "[Katalog belum memuat lembar Anggaran" in text
    assert "Rp" not in text  # no budget figure invented


def test_charts_are_deterministic_pngs(model: RecapModel) -> None:
    from kinerja_xl.lkjip.charts import iku_chart

    f = build_figures(model).iku[0]
    one, two = iku_chart(f, 2025), iku_chart(f, 2025)
    assert one[:8] == b"\x89PNG\r\n\x1a\n" and one == two


def test_cli_lkjip_is_annual_only(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(ws), "--contoh"]).exit_code == 0
    bad = runner.invoke(cli, ["lkjip", "-w", str(ws), "--period", "2025-TW2"])
    assert bad.exit_code == 2
    assert bad.output == "Error: LKjIP disusun per tahun, bukan per triwulan: pakai --period 2025.\n"
    ok = runner.invoke(cli, ["laporan-kinerja", "-w", str(ws), "--periode", "2025"])
    assert ok.exit_code == 0, ok.output
    path = ws / "rekap" / "lkjip-bab3-2025.docx"
    assert ok.output == f"Draf LKjIP Bab III ditulis: {path}\n"
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "[realisasi tahun 2025 belum dilaporkan bidang" in text  # an empty ledger: nothing invented


@needs_libreoffice
def test_draft_converts_to_pdf_with_every_iku(draft: Path, model: RecapModel, tmp_path: Path) -> None:
    from kinerja_xl.recap.pdf import recap_to_pdf

    pdf = recap_to_pdf(draft, outdir=tmp_path)
    assert pdf is not None and pdf.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "BAB III AKUNTABILITAS KINERJA" in text
    flat = " ".join(text.split())
    for r in model.indikator:
        if r.indikator.iku:
            assert r.indikator.nama.split()[0] in flat
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 5


def test_an_earlier_year_comes_from_the_workspace_ledger(tmp_path: Path) -> None:
    from kinerja_xl import api
    from kinerja_xl.contoh.data import VALUES
    from kinerja_xl.ledger import Ledger, NewSubmission
    from kinerja_xl.workspace import open_workspace

    root = tmp_path / "ws"
    assert CliRunner().invoke(cli, ["init", str(root), "--contoh"]).exit_code == 0
    catalog = build_sample_catalog()
    # DAFDUK's TW IV of 2024 as the intake would have recorded it (the ledger's own record type)
    values = {e.kode: float(VALUES[e.kode][3]) - 1000.0 * (e.kode == "DAF03") for e in catalog.elemen_of("DAFDUK")}
    with Ledger(open_workspace(root).ledger_path) as ledger:
        ledger.record(NewSubmission(rel_path="DAFDUK 2024.xlsx", sha256="ab" * 32, verdict="accepted",
                                    bidang="DAFDUK", values=values),
                      period="2024-TW4", file_name="DAFDUK 2024.xlsx", size=1, received_at="2025-01-06T09:00:00")
    result = api.lkjip(root, parse_period("2025"))
    assert result.earlier_years == (2024,)
    found = sections(result.path)
    heading = next(h for h in found if h.endswith("memiliki KTP-el") and h.startswith("IKU "))
    rows = {row[0]: row for row in table_rows([b for b in found[heading] if isinstance(b, Table)][1])}
    by_hand = (446_200 - 1000) / 455_200 * 100  # DAF03 / DAF01 × 100 of TW IV 2024 (nilai akhir)
    assert number(rows["2024"][2]) == pytest.approx(by_hand, abs=0.005)
    assert rows["2024"][4] == "daftar kiriman"
    assert rows["2023"][4] == "lembar Renstra"  # the ledger has no 2023
