"""The intake run (check_inbox): ledger, archive, idempotency, revisions, duplicates, interruption, outputs.

Most tests inject a fake single-file checker that reads tiny JSON "forms", so they
test the orchestration alone and stay fast; the end-to-end tests at the bottom use
real forms and the real checker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import small_catalog

from kinerja_xl.catalog.model import Catalog
from kinerja_xl.findings import Finding, Severity
from kinerja_xl.intake import record as record_module
from kinerja_xl.intake import run as run_module
from kinerja_xl.intake.result import CheckReport, FileResult, Previous, Verdict
from kinerja_xl.intake.run import check_inbox
from kinerja_xl.period import Period, parse_period
from kinerja_xl.workspace import Workspace

TW1 = parse_period("2025-TW1")
NOW = dt.datetime(2025, 4, 5, 9, 30, 15, 123)


def fake_check(path: Path, catalog: Catalog, period: Period, *, display_name: str,
               previous: Previous | None = None) -> FileResult:
    """A stand-in for the real checker: the file is JSON {bidang, values, errors}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    errors = [Finding("nilai-bukan-angka", Severity.ERROR, f"'{v}' bukan angka.", file=display_name,
                      sheet="Isian", cell=cell, value=v) for cell, v in data.get("errors", {}).items()]
    before = previous.elements if previous else {}
    warnings = [Finding("nilai-turun", Severity.WARNING, f"sebelumnya {before[c]}", file=display_name,
                        sheet="Isian", cell="F9", value=before[c]) for c in data.get("compare", ()) if c in before]
    values = {k: float(v) if v is not None else None for k, v in data.get("values", {}).items()}
    return FileResult(file=display_name, verdict=Verdict.RETURNED if errors else Verdict.ACCEPTED,
                      findings=errors + warnings, bidang=data.get("bidang"), sha256=sha, form_id="F",
                      template_version="1", period=period.code, values=values,
                      raw_values={k: ("" if v is None else v) for k, v in values.items()})


def put(inbox: Path, name: str, bidang: str | None, values: dict[str, Any] | None = None,
        errors: dict[str, Any] | None = None, **extra: Any) -> Path:
    path = inbox / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"bidang": bidang, "values": values or {}, "errors": errors or {}, **extra}),
                    encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace(tmp_path / "ws")
    w.masuk_dir(TW1).mkdir(parents=True)
    return w


def run(ws: Workspace, **kw: Any) -> CheckReport:
    kw.setdefault("write_outputs", False)
    kw.setdefault("jobs", 1)
    return check_inbox(ws, TW1, catalog=small_catalog(), check=fake_check, now=NOW, **kw)


def dump(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    """Every row of the ledger's tables, by column name (whatever the column order)."""
    db = sqlite3.connect(ws.ledger_path)
    db.row_factory = sqlite3.Row
    out = {t: [dict(r) for r in db.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2')]
           for t in ("submissions", "values", "kendala")}
    db.close()
    return out


def verdicts(report: CheckReport) -> dict[str, Any]:
    """``report.to_dict()`` without the history fields (``checked_before``, ``superseded_by``)."""
    data = report.to_dict()
    return {**data, "files": [{k: v for k, v in f.items() if k not in ("checked_before", "superseded_by")}
                              for f in data["files"]]}


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_first_run_records_archives_and_reports(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "dafduk.xlsx", "DAFDUK", {"E01": 100, "E02": 90})
    put(inbox, "sub/capil.xlsx", "CAPIL", {"E06": 5}, errors={"F12": "abc"})
    (inbox / "~$dafduk.xlsx").write_bytes(b"lock")
    before = tree(inbox)
    report = run(ws)
    assert tree(inbox) == before  # the user's files are only read
    assert verdicts(report) == {
        "period": "2025-TW1",
        "files": [
            {"file": "dafduk.xlsx", "status": "accepted", "bidang": "DAFDUK", "findings": []},
            {"file": "sub/capil.xlsx", "status": "returned", "bidang": "CAPIL", "findings": [
                {"code": "nilai-bukan-angka", "severity": "error", "sheet": "Isian", "cell": "F12",
                 "value": "abc", "message": "'abc' bukan angka."}]},
            {"file": "~$dafduk.xlsx", "status": "skipped", "bidang": None, "findings": []},
        ],
        "missing": ["CAPIL", "PIAK"],  # SEKRE fills no form
    }
    assert json.loads(json.dumps(report.to_dict())) == report.to_dict()
    assert report.exit_code == 1
    rows = dump(ws)["submissions"]
    keys = ("bidang", "file_name", "rel_path", "received_at", "verdict", "archive_path", "revision")
    assert [tuple(r[k] for k in keys) for r in rows] == [
        ("DAFDUK", "dafduk.xlsx", "dafduk.xlsx", "2025-04-05T09:30:15", "accepted", "arsip/2025-TW1/dafduk.xlsx", 0),
        ("CAPIL", "capil.xlsx", "sub/capil.xlsx", "2025-04-05T09:30:15", "returned", None, None),
    ]
    assert tree(ws.arsip_dir(TW1)) == {"dafduk.xlsx": before["dafduk.xlsx"]}  # byte for byte


def test_exit_code_zero_when_all_accepted_and_skipped_do_not_count(ws: Workspace) -> None:
    put(ws.masuk_dir(TW1), "a.xlsx", "DAFDUK", {"E01": 1})
    (ws.masuk_dir(TW1) / "Thumbs.db").write_bytes(b"x")
    report = run(ws)
    assert [r.verdict for r in report.files] == [Verdict.SKIPPED, Verdict.ACCEPTED]  # sorted: T < a
    assert report.exit_code == 0


def test_second_run_changes_nothing(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "a.xlsx", "DAFDUK", {"E01": 1})
    put(inbox, "b.xlsx", "CAPIL", {"E06": 1}, errors={"F9": "x"})
    first = run(ws)
    ledger, archive = dump(ws), tree(ws.arsip_dir(TW1))
    second = check_inbox(ws, TW1, catalog=small_catalog(), check=fake_check, jobs=1, write_outputs=False,
                         now=NOW + dt.timedelta(days=3))
    assert dump(ws) == ledger and tree(ws.arsip_dir(TW1)) == archive
    assert verdicts(second) == verdicts(first) and second.exit_code == first.exit_code == 1
    assert [f["checked_before"] for f in first.to_dict()["files"]] == [None, None]
    assert [f["checked_before"] for f in second.to_dict()["files"]] == ["2025-04-05T09:30:15"] * 2
    assert second.outcome(second.files[0]).earlier == "2025-04-05T09:30:15"


def test_revision_supersedes_the_accepted_file(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "dafduk.xlsx", "DAFDUK", {"E01": 1})
    run(ws)
    put(inbox, "revisi/dafduk.xlsx", "DAFDUK", {"E01": 2})  # same name, other folder, other content
    report = run(ws)
    assert [r.verdict for r in report.files] == [Verdict.ACCEPTED, Verdict.ACCEPTED]
    assert report.outcome(report.files[1]).revision == 1
    rows = dump(ws)["submissions"]
    assert [(r["id"], r["revision"], r["superseded_by"]) for r in rows] == [(1, 0, 2), (2, 1, None)]
    assert sorted(tree(ws.arsip_dir(TW1))) == ["dafduk (revisi 1).xlsx", "dafduk.xlsx"]
    from kinerja_xl.ledger import Ledger

    [acc] = Ledger(ws.ledger_path).accepted(2025, [1])
    assert (acc.revision, acc.values, acc.file_name) == (1, {"E01": 2.0}, "dafduk.xlsx")


def test_a_returned_file_is_settled_by_a_later_accepted_one(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "dafduk.xlsx", "DAFDUK", {"E01": 1}, errors={"F9": "x"})
    first = run(ws)
    assert first.exit_code == 1 and [r.file for r in first.to_fix] == ["dafduk.xlsx"]
    put(inbox, "dafduk perbaikan.xlsx", "DAFDUK", {"E01": 2})  # the corrected file arrives beside it
    second = run(ws)
    old = second.files[1]  # sorted: "dafduk perbaikan.xlsx" < "dafduk.xlsx"
    assert (old.file, old.verdict) == ("dafduk.xlsx", Verdict.RETURNED)  # its verdict stays
    assert second.outcome(old).settled_by == "dafduk perbaikan.xlsx"
    assert "sudah diganti" in second.outcome(old).note(old)
    assert second.to_fix == [] and second.exit_code == 0 and second.feedback_paths == []
    assert second.to_dict()["files"][1]["status"] == "returned"


def test_two_new_files_for_one_bidang_are_both_returned(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "a.xlsx", "DAFDUK", {"E01": 1})
    put(inbox, "a (1).xlsx", "DAFDUK", {"E01": 2})
    put(inbox, "copy/a.xlsx", "DAFDUK", {"E01": 1})  # a byte-identical copy is not a third file
    put(inbox, "p.xlsx", "PIAK", {"E09": 1})
    report = run(ws)
    by = {r.file: r for r in report.files}
    for name in ("a (1).xlsx", "a.xlsx", "copy/a.xlsx"):
        [f] = [f for f in by[name].findings if f.code == "berkas-ganda"]
        assert by[name].verdict is Verdict.RETURNED and f.severity is Severity.ERROR and f.file == name
        assert "a (1).xlsx" in f.message and "a.xlsx" in f.message and "DAFDUK" in f.message
    assert by["p.xlsx"].verdict is Verdict.ACCEPTED
    assert report.outcome(by["copy/a.xlsx"]).copy_of == "a.xlsx"
    assert len(dump(ws)["submissions"]) == 3  # the copy is the same submission
    assert "DAFDUK" in report.missing
    # "a (1).xlsx" was recorded (and archived) before "a.xlsx" turned up: undone
    assert sorted(tree(ws.arsip_dir(TW1))) == ["p.xlsx"]
    # every returned file keeps the figures its umpan balik shows (those of "a (1).xlsx" read back
    # from the ledger); an accepted file's figures, recorded, are not held by the report
    assert [(by[n].values, by[n].raw_values) for n in ("a (1).xlsx", "a.xlsx", "copy/a.xlsx")] == [
        ({"E01": 2.0}, {"E01": 2.0}), ({"E01": 1.0}, {"E01": 1.0}), ({"E01": 1.0}, {"E01": 1.0})]
    assert by["p.xlsx"].values == {} and by["p.xlsx"].raw_values == {}
    assert {r["verdict"] for r in dump(ws)["submissions"] if r["bidang"] == "DAFDUK"} == {"returned"}
    # run again as is: nothing changes
    ledger = dump(ws)
    assert verdicts(run(ws)) == verdicts(report) and dump(ws) == ledger
    assert sorted(tree(ws.arsip_dir(TW1))) == ["p.xlsx"]
    # the bidang's answer: the old file is taken out of the inbox; the other is now alone
    (inbox / "a (1).xlsx").unlink()
    (inbox / "copy" / "a.xlsx").unlink()
    report = run(ws)
    assert [(r.file, r.verdict) for r in report.files] == [("a.xlsx", Verdict.ACCEPTED),
                                                           ("p.xlsx", Verdict.ACCEPTED)]
    assert len(dump(ws)["submissions"]) == 3  # re-examined in place, no new row
    assert "DAFDUK" not in report.missing


def test_duplicates_after_an_accepted_file_leave_it_current(ws: Workspace) -> None:
    from kinerja_xl.ledger import Ledger

    inbox = ws.masuk_dir(TW1)
    put(inbox, "a.xlsx", "DAFDUK", {"E01": 1})
    run(ws)
    put(inbox, "b.xlsx", "DAFDUK", {"E01": 2})
    put(inbox, "c.xlsx", "DAFDUK", {"E01": 3})
    report = run(ws, jobs=2)
    assert [(r.file, r.verdict) for r in report.files] == [
        ("a.xlsx", Verdict.ACCEPTED), ("b.xlsx", Verdict.RETURNED), ("c.xlsx", Verdict.RETURNED)]
    [acc] = Ledger(ws.ledger_path).accepted(2025, [1])
    assert acc.file_name == "a.xlsx" and acc.revision == 0
    assert [(r["verdict"], r["revision"], r["superseded_by"]) for r in dump(ws)["submissions"]] == [
        ("accepted", 0, None), ("returned", None, None), ("returned", None, None)]
    assert sorted(tree(ws.arsip_dir(TW1))) == ["a.xlsx"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_run_leaves_a_consistent_ledger(ws: Workspace, monkeypatch: pytest.MonkeyPatch,
                                                    jobs: int) -> None:
    inbox = ws.masuk_dir(TW1)
    for i, b in enumerate(("DAFDUK", "CAPIL", "PIAK")):
        put(inbox, f"{i}.xlsx", b, {"E01": i})
    for i in range(3, 6):  # returned files: no archive copy (and enough files for the process pool)
        put(inbox, f"{i}.xlsx", None, errors={"A1": f"x{i}"})
    real = record_module.archive_copy
    calls = {"n": 0}

    def crash_on_third(*args: Any, **kw: Any) -> Path:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the operator presses Ctrl+C, or the power fails
        return real(*args, **kw)

    monkeypatch.setattr(record_module, "archive_copy", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run(ws, jobs=jobs)
    rows = dump(ws)
    assert [r["bidang"] for r in rows["submissions"]] == ["DAFDUK", "CAPIL"]
    assert {r["submission_id"] for r in rows["values"]} == {1, 2}
    assert sorted(tree(ws.arsip_dir(TW1))) == ["0.xlsx", "1.xlsx"]
    monkeypatch.setattr(record_module, "archive_copy", real)
    report = run(ws, jobs=jobs)
    assert report.missing == [] and [r.verdict for r in report.files] == [Verdict.ACCEPTED] * 3 + [
        Verdict.RETURNED] * 3
    assert [r["bidang"] for r in dump(ws)["submissions"]] == ["DAFDUK", "CAPIL", "PIAK", None, None, None]
    assert sorted(tree(ws.arsip_dir(TW1))) == ["0.xlsx", "1.xlsx", "2.xlsx"]


def test_damaged_archive_copy_is_restored_on_the_next_run(ws: Workspace) -> None:
    put(ws.masuk_dir(TW1), "a.xlsx", "DAFDUK", {"E01": 1})
    run(ws)
    copy = ws.arsip_dir(TW1) / "a.xlsx"
    good = copy.read_bytes()
    copy.write_bytes(b"")  # e.g. a power failure before the copy reached the disk
    ledger = dump(ws)
    run(ws)
    assert copy.read_bytes() == good and dump(ws) == ledger


def test_archive_copy_never_overwrites_and_reuses_identical(tmp_path: Path) -> None:
    src = tmp_path / "f.xlsx"
    src.write_bytes(b"one")
    folder = tmp_path / "arsip"
    folder.mkdir()
    (folder / "f.xlsx").write_bytes(b"other")
    sha = hashlib.sha256(b"one").hexdigest()
    assert record_module.archive_copy(src, folder, "f.xlsx", 0, sha).name == "f (2).xlsx"
    assert record_module.archive_copy(src, folder, "f.xlsx", 0, sha).name == "f (2).xlsx"  # reused
    assert (folder / "f.xlsx").read_bytes() == b"other"
    with pytest.raises(record_module.IntakeError, match="berubah"):
        record_module.archive_copy(src, folder, "f.xlsx", 0, "0" * 64)


def test_parallel_run_matches_serial_and_reports_progress(tmp_path: Path) -> None:
    reports = []
    for jobs in (1, 2):
        w = Workspace(tmp_path / f"ws{jobs}")
        inbox = w.masuk_dir(TW1)
        for i in range(12):
            put(inbox, f"f{i:02}.xlsx", ("DAFDUK", "CAPIL", "PIAK", None)[i % 4], {"E01": i},
                errors={"F9": "x"} if i % 3 == 0 else None)
        seen: list[tuple[int, int]] = []
        reports.append(run(w, jobs=jobs, progress=lambda d, t, seen=seen: seen.append((d, t))))
        assert seen == [(i, 12) for i in range(1, 13)]
    assert reports[0].to_dict() == reports[1].to_dict()
    assert [f["file"] for f in reports[1].to_dict()["files"]] == [f"f{i:02}.xlsx" for i in range(12)]


def test_previous_quarter_values_reach_the_checker(ws: Workspace) -> None:
    put(ws.masuk_dir(TW1), "a.xlsx", "DAFDUK", {"E01": 500})
    run(ws)
    tw2 = parse_period("2025-TW2")
    put(ws.masuk_dir(tw2), "a.xlsx", "DAFDUK", {"E01": 50}, compare=["E01"])
    report = check_inbox(ws, tw2, catalog=small_catalog(), check=fake_check, jobs=1, write_outputs=False)
    [f] = report.files[0].findings
    assert (f.code, f.value) == ("nilai-turun", 500.0)


def test_only_quarters_and_existing_inboxes(ws: Workspace) -> None:
    from kinerja_xl.errors import UsageError

    with pytest.raises(UsageError, match="triwulan"):
        check_inbox(ws, parse_period("2025-S1"), catalog=small_catalog(), check=fake_check)
    with pytest.raises(UsageError, match="tidak ada"):
        check_inbox(ws, TW1, ws.root / "nope", catalog=small_catalog(), check=fake_check)


def test_laporan_workbook(ws: Workspace) -> None:
    inbox = ws.masuk_dir(TW1)
    put(inbox, "dafduk.xlsx", "DAFDUK", {"E01": 1})
    put(inbox, "asing.xlsx", None, errors={"A1": "?"})
    (inbox / ".~lock.dafduk.xlsx#").write_bytes(b"x")
    report = check_inbox(ws, TW1, catalog=small_catalog(), check=fake_check, jobs=1, now=NOW)
    assert report.laporan_path == ws.laporan_dir() / "2025-TW1-pemeriksaan.xlsx"
    wb = openpyxl.load_workbook(report.laporan_path)
    assert wb.sheetnames == ["Ringkasan", "Temuan"]
    ws_r = wb["Ringkasan"]
    [table] = ws_r.tables.values()
    rows = [[c.value for c in row] for row in ws_r[table.ref]]
    assert rows[0] == ["No", "Berkas", "Kode Bidang", "Nama Bidang", "Status", "Kesalahan", "Peringatan",
                       "Keterangan", "SHA-256"]
    assert [r[1:7] for r in rows[1:]] == [
        [".~lock.dafduk.xlsx#", None, None, "dilewati", 0, 0],
        ["asing.xlsx", None, None, "dikembalikan", 1, 0],
        ["dafduk.xlsx", "DAFDUK", "Pelayanan Pendaftaran Penduduk", "diterima", 0, 0],
        [None, "CAPIL", "Pelayanan Pencatatan Sipil", "belum mengirim", 0, 0],
        [None, "PIAK", "Pengelolaan Informasi Administrasi Kependudukan", "belum mengirim", 0, 0],
    ]
    assert "bidang pengirim tidak dapat dikenali" in rows[2][7]  # no umpan balik, and why
    assert rows[3][8] == report.files[2].sha256[:12]
    assert table.ref.startswith("A5:") and table.autoFilter is not None and ws_r.freeze_panes == "A6"
    assert ws_r.page_setup.orientation == "landscape" and ws_r.page_setup.paperSize == 14  # F4, the default
    assert ws_r.print_area == "'Ringkasan'!$A$1:$H$10"  # the SHA-256 column is for machines, not for print
    ws_t = wb["Temuan"]
    [ttable] = ws_t.tables.values()
    trows = [[c.value for c in row] for row in ws_t[ttable.ref]]
    assert trows[0] == ["No", "Berkas", "Bidang", "Kode", "Tingkat", "Lembar", "Sel", "Nilai", "Pesan"]
    assert trows[1] == [1, "asing.xlsx", None, "nilai-bukan-angka", "kesalahan", "Isian", "A1", "?",
                        "'?' bukan angka."]
    assert ttable.autoFilter is not None and ws_t.page_setup.orientation == "landscape"


# --- real forms, real checker ----------------------------------------------------------------

CREATED = dt.datetime(2025, 3, 20, 8, 0)


def test_real_forms_end_to_end(ws: Workspace) -> None:
    from kinerja_xl.forms.writer import FormFill, write_form
    from kinerja_xl.ledger import Ledger

    catalog = small_catalog()
    inbox = ws.masuk_dir(TW1)
    typed = {"E01": 1000, "E02": 960, "E03": 1200, "E04": 85, "E05": 99}
    write_form(catalog, "DAFDUK", TW1, inbox / "Formulir DAFDUK.xlsx", created=CREATED,
               fill=FormFill(values=typed))
    write_form(catalog, "CAPIL", TW1, inbox / "kiriman/capil rev.xlsx", created=CREATED,
               fill=FormFill(values={"E06": "abc", "E07": 100, "E08": 2}, keterangan={"E07": "SIAK"},
                             tanggal=dt.date(2025, 4, 3)))
    (inbox / "catatan.xlsx").write_text("bukan buku kerja", encoding="utf-8")
    before = tree(inbox)
    report = check_inbox(ws, TW1, catalog=catalog, now=NOW, jobs=1)
    assert tree(inbox) == before
    by = {r.file: r for r in report.files}
    assert by["Formulir DAFDUK.xlsx"].verdict is Verdict.ACCEPTED
    capil = by["kiriman/capil rev.xlsx"]
    assert capil.verdict is Verdict.RETURNED and capil.bidang == "CAPIL"
    [bad] = [f for f in capil.errors if f.value == "abc"]
    assert by["catatan.xlsx"].verdict is Verdict.RETURNED and by["catatan.xlsx"].bidang is None
    assert report.outcome(by["catatan.xlsx"]).no_feedback
    assert report.missing == ["CAPIL", "PIAK"] and report.exit_code == 1
    [acc] = Ledger(ws.ledger_path).accepted(2025, [1])
    assert acc.bidang == "DAFDUK" and acc.values == {k: float(v) for k, v in typed.items()}
    assert (ws.arsip_dir(TW1) / "Formulir DAFDUK.xlsx").read_bytes() == (inbox / "Formulir DAFDUK.xlsx").read_bytes()

    # umpan balik: a fresh CAPIL form, prefilled, the faulty cell commented, a Temuan sheet
    path = ws.umpan_balik_dir(TW1) / "capil rev.xlsx"
    assert report.feedback_paths == [path]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Temuan"
    temuan = [row for row in wb["Temuan"].iter_rows(values_only=True) if row and row[1] == bad.code]
    assert temuan and temuan[0][4] == bad.cell
    commented = {c.coordinate: (c.value, c.comment.text) for row in wb["Isian"].iter_rows() for c in row
                 if c.comment}
    assert any(v == "abc" and bad.message in text for v, text in commented.values()), commented
    assert dt.datetime(2025, 4, 3) in [c.value for row in wb["Pengesahan"].iter_rows() for c in row]
    ket = [c.value for row in wb["Isian"].iter_rows() for c in row if c.value == "SIAK"]
    assert ket == ["SIAK"]  # keterangan prefilled too
    e06_row = next(c.row for row in wb["Isian"].iter_rows() for c in row if c.value == "E06")
    assert [int("".join(ch for ch in k if ch.isdigit())) for k in commented] == [e06_row]

    # the laporan names every file; a second run rewrites nothing in umpan-balik
    laporan = openpyxl.load_workbook(report.laporan_path)["Ringkasan"]
    files = {row[1] for row in laporan.iter_rows(min_row=6, values_only=True)}
    assert {"Formulir DAFDUK.xlsx", "kiriman/capil rev.xlsx", "catatan.xlsx"} <= files
    stamp = path.stat().st_mtime_ns
    again = check_inbox(ws, TW1, catalog=catalog, now=NOW, jobs=1)
    assert verdicts(again) == verdicts(report) and path.stat().st_mtime_ns == stamp


def test_feedback_notes_follow_codes_not_row_numbers(tmp_path: Path) -> None:
    import xlsxwriter

    from kinerja_xl.intake.feedback import feedback_name, notes_by_code

    src = tmp_path / "moved.xlsx"
    wb = xlsxwriter.Workbook(src)
    sheet = wb.add_worksheet("Isian")
    sheet.write_string("B7", "E07")  # rows sorted by the bidang: E07 above E06
    sheet.write_string("B12", "e06")
    sheet.write_string("B20", "IK06")
    wb.close()
    f = [Finding("a", Severity.ERROR, "E06 salah", sheet="Isian", cell="E12"),
         Finding("b", Severity.ERROR, "kendala kosong", sheet="Isian", cell="$K$20"),
         Finding("c", Severity.WARNING, "E07 aneh", sheet="Isian", cell="E7"),
         Finding("d", Severity.ERROR, "tanggal", sheet="Pengesahan", cell="C7"),
         Finding("e", Severity.ERROR, "baris lain", sheet="Isian", cell="E30")]
    result = FileResult(file="moved.xlsx", verdict=Verdict.RETURNED, findings=f, bidang="CAPIL")
    assert notes_by_code(result, src, ["E06", "E07", "E08", "IK05", "IK06"]) == {
        "E06": ["E06 salah"], "IK06": ["kendala kosong"], "E07": ["E07 aneh"]}
    assert notes_by_code(result, tmp_path / "missing.xlsx", ["E06"]) == {}
    assert [feedback_name(n) for n in ("a/b.xlsx", "c.xls", "d.ods", "e")] == ["b.xlsx", "c.xlsx", "d.xlsx",
                                                                               "e.xlsx"]


def test_a_file_that_vanishes_is_returned_not_a_traceback(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    put(ws.masuk_dir(TW1), "a.xlsx", "DAFDUK", {"E01": 1})
    put(ws.masuk_dir(TW1), "b.xlsx", "CAPIL", {"E06": 1})
    real = run_module.read_submission

    def flaky(path: Path) -> bytes:
        if path.name == "a.xlsx":
            raise FileNotFoundError(2, "No such file or directory")
        return real(path)

    monkeypatch.setattr(run_module, "read_submission", flaky)
    report = run(ws)
    [f] = report.files[0].findings
    assert (report.files[0].verdict, f.code, f.file) == (Verdict.RETURNED, "berkas-tidak-terbaca", "a.xlsx")
    assert report.files[1].verdict is Verdict.ACCEPTED
    assert [r["file_name"] for r in dump(ws)["submissions"]] == ["b.xlsx"]  # nothing recorded for it


def test_an_umpan_balik_that_cannot_be_written_does_not_stop_the_run(ws: Workspace,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from kinerja_xl.errors import OutputError
    from kinerja_xl.intake import feedback

    def locked(*args: Any, **kw: Any) -> Path:
        raise OutputError("Tidak dapat menulis capil.xlsx: berkas sedang dibuka di Excel.")

    monkeypatch.setattr(feedback, "write_feedback", locked)
    put(ws.masuk_dir(TW1), "capil.xlsx", "CAPIL", {"E06": 1}, errors={"E9": "x"})
    report = check_inbox(ws, TW1, catalog=small_catalog(), check=fake_check, jobs=1, now=NOW)
    outcome = report.outcome(report.files[0])
    assert outcome.feedback_path is None and "dibuka di Excel" in (outcome.no_feedback or "")
    assert report.laporan_path is not None and report.laporan_path.exists() and report.exit_code == 1
