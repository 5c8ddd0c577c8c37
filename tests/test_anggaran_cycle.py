"""The budget path end to end: form → (Calc) → check → ledger → next quarter's form, checks and umpan balik."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from anggaran_data import (
    CALC_FILLS,
    SUB_CAPIL,
    SUB_DAFDUK_1,
    SUB_DAFDUK_2,
    anggaran_table,
    budget_catalog,
    fill_budget_forms_in_calc,
)
from corpus import GOOD
from formtools import CREATED

from kinerja_xl.contoh.catalog import build_sample_catalog
from kinerja_xl.forms import layout
from kinerja_xl.forms.anggaran import FAKTOR_PENDORONG
from kinerja_xl.forms.cells import FILL_CATATAN
from kinerja_xl.forms.writer import FormFill, write_form
from kinerja_xl.intake.result import Verdict
from kinerja_xl.intake.run import check_inbox
from kinerja_xl.ledger import Ledger
from kinerja_xl.period import parse_period
from kinerja_xl.workspace import Workspace

CAT = budget_catalog()
TW1, TW2 = parse_period("2025-TW1"), parse_period("2025-TW2")
K, FISIK, RP = layout.BUDGET_K, layout.BUDGET_FISIK, layout.BUDGET_RP
NOW = dt.datetime(2025, 7, 5, 9, 0)


def test_two_quarters_through_the_run(tmp_path: Path) -> None:
    """TW I accepted into the ledger; TW II's form shows it, and its checks compare against it."""
    ws = Workspace(tmp_path / "ws")
    tw1 = {SUB_DAFDUK_1: {K: 900, FISIK: 30, RP: 50_000_000}, SUB_DAFDUK_2: {K: 4, FISIK: 20, RP: 20_000_000}}
    write_form(CAT, "DAFDUK", TW1, ws.masuk_dir(TW1) / "dafduk.xlsx", created=CREATED,
               fill=FormFill(values=GOOD["DAFDUK"], anggaran=tw1, faktor={SUB_DAFDUK_1: {FAKTOR_PENDORONG: "SDM"}}))
    report = check_inbox(ws, TW1, catalog=CAT, jobs=1, now=NOW)
    assert [r.verdict for r in report.files] == [Verdict.ACCEPTED], [f.describe() for f in report.files[0].findings]
    with Ledger(ws.ledger_path) as ledger:
        budget_history = ledger.budget_history("DAFDUK", 2025, 2)
        [sub] = ledger.accepted(2025, [1])
    assert sub.anggaran == {k: {f: float(v) for f, v in d.items()} for k, d in tw1.items()}
    assert sub.faktor == {SUB_DAFDUK_1: {FAKTOR_PENDORONG: "SDM"}}

    # TW II: fisik of SUB 1 falls (30 -> 25), SUB 2 spends past its pagu with TW I counted (20 + 190 > 200)
    tw2 = {SUB_DAFDUK_1: {K: 1000, FISIK: 25, RP: 10_000_000}, SUB_DAFDUK_2: {K: 5, FISIK: 95, RP: 190_000_000}}
    form = write_form(CAT, "DAFDUK", TW2, ws.masuk_dir(TW2) / "dafduk.xlsx", created=CREATED,
                      budget_history=budget_history,
                      fill=FormFill(values=GOOD["DAFDUK"], kendala={"IK04": "Blangko terlambat"}, anggaran=tw2))
    sheet = openpyxl.load_workbook(form)[layout.SHEET_ANGGARAN]
    t = anggaran_table(sheet)
    assert sheet[t.cell(SUB_DAFDUK_1, layout.h_keuangan(1))].value == 50_000_000  # context from the ledger
    report = check_inbox(ws, TW2, catalog=CAT, jobs=1, now=NOW)
    [res] = report.files
    assert res.verdict is Verdict.RETURNED
    assert [(f.code, f.cell) for f in res.findings] == [
        ("anggaran-fisik-turun", t.cell(SUB_DAFDUK_1, layout.h_fisik(2))),
        ("anggaran-melebihi-pagu", t.cell(SUB_DAFDUK_2, layout.h_keuangan(2))),
    ]
    # the umpan balik: prefilled with what was sent, the faulty cells red with the messages
    [feedback] = report.feedback_paths
    fb = openpyxl.load_workbook(feedback)
    ws2 = fb[layout.SHEET_ANGGARAN]
    t2 = anggaran_table(ws2)
    fisik = ws2[t2.cell(SUB_DAFDUK_1, layout.h_fisik(2))]
    rp = ws2[t2.cell(SUB_DAFDUK_2, layout.h_keuangan(2))]
    assert fisik.value == 25 and rp.value == 190_000_000
    for c in (fisik, rp):
        assert c.fill.fgColor.rgb.endswith(FILL_CATATAN.lstrip("#")) and c.comment is not None
    assert "lebih kecil" in fisik.comment.text and "melebihi pagu" in rp.comment.text
    assert ws2[t2.cell(SUB_DAFDUK_1, layout.h_keuangan(1))].value == 50_000_000
    assert fb.sheetnames[0] == layout.SHEET_TEMUAN


@pytest.mark.libreoffice(uno=True)
def test_budget_forms_filled_and_saved_by_libreoffice_go_through_check(tmp_path: Path) -> None:
    """Done-when of issue 5 (intake half): forms with budget rows, typed into Calc, pass check into the ledger."""
    ws = Workspace(tmp_path / "ws")
    saved = fill_budget_forms_in_calc(CAT, TW1, ws.masuk_dir(TW1), CALC_FILLS)
    assert sorted(p.name for p in ws.masuk_dir(TW1).iterdir()) == sorted(p.name for p in saved.values())
    report = check_inbox(ws, TW1, catalog=CAT, jobs=1, now=NOW)
    assert [(r.bidang, r.verdict, r.findings) for r in report.files] == [
        ("CAPIL", Verdict.ACCEPTED, []), ("DAFDUK", Verdict.ACCEPTED, [])]
    with Ledger(ws.ledger_path) as ledger:
        subs = {s.bidang: s for s in ledger.accepted(2025, [1])}
    assert subs["CAPIL"].values == {k: float(v) for k, v in GOOD["CAPIL"].items()}  # type: ignore[arg-type]
    assert subs["CAPIL"].anggaran == {SUB_CAPIL: {K: 750.0, FISIK: 37.5, RP: 41_250_000.5}}
    assert subs["CAPIL"].faktor == {SUB_CAPIL: {"pendorong": "Layanan keliling",
                                                "penghambat": "Jaringan SIAK sempat terputus"}}
    assert subs["DAFDUK"].anggaran == {SUB_DAFDUK_1: {K: 820.0, FISIK: 25.0, RP: 60_000_000.0},
                                       SUB_DAFDUK_2: {K: None, FISIK: 10.0, RP: 0.0}}
    assert subs["DAFDUK"].faktor == {SUB_DAFDUK_2: {"penghambat": "Menunggu juknis"}}
    # Calc recalculated our formulas: the cached s.d. and serapan are LibreOffice's own
    vs = openpyxl.load_workbook(saved["CAPIL"], data_only=True)[layout.SHEET_ANGGARAN]
    t = anggaran_table(vs)
    assert vs[t.cell(SUB_CAPIL, layout.h_keuangan_sd(1))].value == 41_250_000.5
    assert vs[t.cell(SUB_CAPIL, layout.H_SERAPAN)].value == pytest.approx(41_250_000.5 / 150_000_000 * 100)


def test_create_forms_shows_the_accepted_budget_of_earlier_quarters(tmp_path: Path) -> None:
    from kinerja_xl.api import create_forms
    from kinerja_xl.ledger import NewSubmission
    from kinerja_xl.workspace import init_workspace

    ws, _ = init_workspace(tmp_path / "ws", catalog=build_sample_catalog())
    catalog = ws.load_catalog()
    sub = catalog.sub_kegiatan_of("DAFDUK")[0]
    with Ledger(ws.ledger_path) as ledger:
        ledger.record(NewSubmission(rel_path="d.xlsx", verdict="accepted", bidang="DAFDUK", sha256="a" * 64,
                                    anggaran={sub.kode: {K: 7.0, FISIK: 20.0, RP: 12_345_000.0}}),
                      period="2025-TW1", file_name="d.xlsx", size=1, received_at="2025-04-05T09:00:00")
    result = create_forms(ws.root, TW2, now=NOW)
    form = next(p for p in result.paths if p.name.startswith("DAFDUK"))
    sheet = openpyxl.load_workbook(form)[layout.SHEET_ANGGARAN]
    t = anggaran_table(sheet)
    assert sheet[t.cell(sub.kode, layout.h_keuangan(1))].value == 12_345_000
    assert sheet[t.cell(sub.kode, layout.h_kinerja_context(1))].value == 7
