"""Intake's fast paths give the same answers as the slow ones.

* ``files.Package`` reads a zip package without ``zipfile`` — and hands anything unusual,
  and any member that does not come out exactly as its directory entry says, to ``zipfile``;
* checkers stage the bytes of accepted files in ``arsip/.staging/`` and the recorder renames
  them into the archive: copies stay byte for byte, never overwrite, and nothing is left behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from corpus import PERIOD, catalog, write_good

from kinerja_xl.intake import record as record_module
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.files import Package, open_package
from kinerja_xl.intake.reader import normalized
from kinerja_xl.intake.result import Verdict
from kinerja_xl.intake.run import check_inbox
from kinerja_xl.workspace import Workspace

CAT = catalog()
NOW = dt.datetime(2025, 4, 8, 10, 0, 0)


@pytest.fixture(scope="module")
def form(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_good(tmp_path_factory.mktemp("form") / "f.xlsx", CAT).read_bytes()


def _rezip(data: bytes, **kw: object) -> bytes:
    """The same members written again by zipfile (``comment``, ``extra`` per member, ``zip64``, ``stored``)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            new = zipfile.ZipInfo(info.filename, info.date_time)
            new.compress_type = zipfile.ZIP_STORED if kw.get("stored") else zipfile.ZIP_DEFLATED
            if kw.get("extra"):
                new.extra = b"\xfe\xca\x00\x00"  # an (empty) extra field, as some zip tools add
            with dst.open(new, "w", force_zip64=bool(kw.get("zip64"))) as fh:
                fh.write(src.read(info.filename))
        if kw.get("comment"):
            dst.comment = b"saved by a zip tool"
    return out.getvalue()


def test_package_reads_every_member_as_zipfile_does(form: bytes) -> None:
    pkg = Package.parse(form)
    zf = zipfile.ZipFile(io.BytesIO(form))
    assert pkg is not None and pkg.namelist() == zf.namelist()
    assert pkg.sizes() == [(i.file_size, i.compress_size) for i in zf.infolist()]
    for name in zf.namelist():
        assert pkg.read(name) == zf.read(name)
    with pytest.raises(KeyError):
        pkg.read("xl/vbaProject.bin")


@pytest.mark.parametrize("kind", ["comment", "extra", "zip64", "stored"])
def test_unusual_packages_go_to_zipfile_and_are_still_accepted(form: bytes, kind: str, tmp_path: Path) -> None:
    data = _rezip(form, **{kind: True})
    opened = open_package(data, "f.xlsx")
    assert opened.zip is not None and opened.findings == []
    if kind in ("zip64", "stored"):  # zip64 extra fields in the local headers only: read past them
        pkg = Package.parse(data)
        zf = zipfile.ZipFile(io.BytesIO(data))
        assert pkg is not None and all(pkg.read(n) == zf.read(n) for n in zf.namelist())
    else:
        assert Package.parse(data) is None and isinstance(opened.zip, zipfile.ZipFile)
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    result = check_file(path, CAT, PERIOD, display_name="f.xlsx")
    assert result.verdict is Verdict.ACCEPTED and result.bidang == "DAFDUK", result.findings


def _damage(data: bytes, member: str) -> bytes:
    """Flip one byte in the middle of a member's compressed data (its directory entry unchanged)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    at = start + info.compress_size // 2
    return data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:]


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet2.xml", "docProps/custom.xml"])
def test_a_damaged_member_raises_what_zipfile_raises(form: bytes, member: str) -> None:
    data = _damage(form, member)
    pkg = Package.parse(data)
    assert pkg is not None  # the directory is intact
    with pytest.raises(Exception) as ours:  # whatever zipfile raises: compared below
        pkg.read(member)
    with pytest.raises(Exception) as theirs:
        zipfile.ZipFile(io.BytesIO(data)).read(member)
    assert (type(ours.value), str(ours.value)) == (type(theirs.value), str(theirs.value))


def test_a_damaged_sheet_is_returned_as_damaged(form: bytes, tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(_damage(form, "xl/worksheets/sheet2.xml"))
    result = check_file(path, CAT, PERIOD, display_name="rusak.xlsx")
    assert result.verdict is Verdict.RETURNED and [f.code for f in result.findings] == ["berkas-rusak"]


def test_normalized_headers_are_remembered_for_strings_only() -> None:
    assert normalized("  Realisasi   TW I ") == "realisasi tw i"
    assert normalized(1) == "1" and normalized(1.0) == "1.0" and normalized(True) == "true"  # type: ignore[arg-type]


# --- staging archive copies -----------------------------------------------------------------------


def _inbox(ws: Workspace, names: dict[str, str]) -> Path:
    inbox = ws.masuk_dir(PERIOD)
    inbox.mkdir(parents=True, exist_ok=True)
    for name, bidang in names.items():
        write_good(inbox / name, CAT, bidang)
    return inbox


@pytest.mark.parametrize("jobs", [1, 2])
def test_accepted_files_reach_the_archive_byte_for_byte_and_staging_is_removed(tmp_path: Path, jobs: int) -> None:
    ws = Workspace(tmp_path / "ws")
    inbox = _inbox(ws, {"a.xlsx": "DAFDUK", "b.xlsx": "CAPIL", "c.xlsx": "PIAK"})
    stale = ws.root / "arsip" / record_module.STAGING / "run-1-crashed"
    stale.mkdir(parents=True)
    (stale / "0.xlsx").write_bytes(b"half")
    old = time.time() - 2 * record_module.STALE_AFTER
    os.utime(stale, (old, old))
    busy = ws.root / "arsip" / record_module.STAGING / "run-2-busy"  # another run, still going
    busy.mkdir()
    report = check_inbox(ws, PERIOD, catalog=CAT, jobs=jobs, now=NOW, write_outputs=False)
    assert [r.verdict for r in report.files] == [Verdict.ACCEPTED] * 3
    archive = ws.arsip_dir(PERIOD)
    assert {p.name: p.read_bytes() for p in archive.iterdir()} == {
        n: (inbox / n).read_bytes() for n in ("a.xlsx", "b.xlsx", "c.xlsx")}
    assert sorted(p.name for p in (ws.root / "arsip").iterdir()) == [".staging", "2025-TW1"]
    assert [p.name for p in (ws.root / "arsip" / ".staging").iterdir()] == ["run-2-busy"]
    busy.rmdir()
    write_good(inbox / "a2.xlsx", CAT, "DAFDUK", changes={"E01": 1001})  # a revision, next run
    (inbox / "a.xlsx").unlink()
    report = check_inbox(ws, PERIOD, catalog=CAT, jobs=jobs, now=NOW, write_outputs=False)
    assert sorted(p.name for p in archive.iterdir()) == ["a.xlsx", "a2.xlsx", "b.xlsx", "c.xlsx"]
    assert (archive / "a2.xlsx").read_bytes() == (inbox / "a2.xlsx").read_bytes()
    assert sorted(p.name for p in (ws.root / "arsip").iterdir()) == ["2025-TW1"]


def test_archive_copy_renames_the_staged_copy_and_never_overwrites(tmp_path: Path) -> None:
    src = tmp_path / "f.xlsx"
    src.write_bytes(b"one")
    sha = hashlib.sha256(b"one").hexdigest()
    folder = tmp_path / "arsip"
    staging = record_module.open_staging(tmp_path)
    assert staging is not None
    staged = record_module.stage_copy(staging, b"one")
    assert staged is not None and Path(staged).read_bytes() == b"one"
    target = record_module.archive_copy(src, folder, "f.xlsx", 0, sha, staged=Path(staged))
    assert target == folder / "f.xlsx" and target.read_bytes() == b"one" and not Path(staged).exists()
    (folder / "g.xlsx").write_bytes(b"other")
    staged = record_module.stage_copy(staging, b"one")
    assert staged is not None
    assert record_module.archive_copy(src, folder, "g.xlsx", 0, sha, staged=Path(staged)).name == "g (2).xlsx"
    assert (folder / "g.xlsx").read_bytes() == b"other" and (folder / "g (2).xlsx").read_bytes() == b"one"
    # the staged copy has gone (removed as stale by another run): copied from the inbox instead
    gone = Path(record_module.stage_copy(staging, b"one") or "")
    gone.unlink()
    assert record_module.archive_copy(src, folder, "h.xlsx", 0, sha, staged=gone).read_bytes() == b"one"
    record_module.close_staging(staging)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arsip", "f.xlsx"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_run_leaves_no_staged_or_half_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          jobs: int) -> None:
    ws = Workspace(tmp_path / "ws")
    _inbox(ws, {"a.xlsx": "DAFDUK", "b.xlsx": "CAPIL", "c.xlsx": "PIAK"})
    write_good(ws.masuk_dir(PERIOD) / "d.xlsx", CAT, "CAPIL", changes={"E06": -1})  # returned
    real = record_module.archive_copy

    def crash_on_second(*args: object, **kw: object) -> Path:
        if crash_on_second.calls == 1:  # type: ignore[attr-defined]
            raise KeyboardInterrupt
        crash_on_second.calls += 1  # type: ignore[attr-defined]
        return real(*args, **kw)  # type: ignore[arg-type]

    crash_on_second.calls = 0  # type: ignore[attr-defined]
    monkeypatch.setattr(record_module, "archive_copy", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        check_inbox(ws, PERIOD, catalog=CAT, jobs=jobs, now=NOW, write_outputs=False)
    assert sorted(p.name for p in (ws.root / "arsip").iterdir()) == ["2025-TW1"]
    assert [p.name for p in ws.arsip_dir(PERIOD).iterdir()] == ["a.xlsx"]


# --- the ledger reads accepted submissions in bulk ----------------------------------------------------


def test_accepted_reads_in_bulk_what_values_of_and_budget_of_read_one_by_one(tmp_path: Path) -> None:
    from kinerja_xl.ledger import Ledger, NewSubmission

    def res(sha: str, bidang: str, period: str, values: dict[str, float | None], **kw: object) -> NewSubmission:
        return NewSubmission(rel_path=f"{sha}.xlsx", verdict="accepted", bidang=bidang, sha256=sha * 64,
                             values=values, raw_values=dict(values), **kw)  # type: ignore[arg-type]

    with Ledger(tmp_path / "l.sqlite") as ledger:
        for r, period in [
            (res("a", "DAFDUK", "2025-TW1", {"E02": 1.0, "E01": None}, keterangan={"E02": "SIAK"},
                 kendala={"IK02": "b", "IK01": "a"}), "2025-TW1"),
            (res("b", "DAFDUK", "2025-TW1", {"E01": 5.0}), "2025-TW1"),  # a revision: supersedes a
            (res("c", "CAPIL", "2025-TW1", {"E06": 2.0},
                 anggaran={"1.02": {"k": 1.0, "fisik": 50.0, "rp": 10.0}, "1.01": {"k": None, "fisik": 5.0,
                                                                                    "rp": None}},
                 faktor={"1.02": {"pendorong": "dana cair"}}), "2025-TW1"),
            (res("d", "PIAK", "2025-TW2", {"E09": 3.0}), "2025-TW2"),
            (res("e", "PIAK", "2025-TW3", {"E09": 4.0}), "2025-TW3"),
        ]:
            ledger.record(r, period=period, file_name=r.rel_path, size=1, received_at="2025-04-05T09:00:00")
        subs = ledger.accepted(2025, [1, 2])
        assert [(s.bidang, s.period, s.file_name) for s in subs] == [
            ("CAPIL", "2025-TW1", "c.xlsx"), ("DAFDUK", "2025-TW1", "b.xlsx"), ("PIAK", "2025-TW2", "d.xlsx")]
        for s in subs:
            values, _raw, keterangan, kendala = ledger.values_of(s.id)
            anggaran, faktor = ledger.budget_of(s.id)
            one_by_one = [list(d.items()) for d in (values, keterangan, kendala, anggaran, faktor)]
            assert [list(d.items()) for d in (s.values, s.keterangan, s.kendala, s.anggaran, s.faktor)] == one_by_one
        capil = subs[0]
        assert list(capil.anggaran) == ["1.01", "1.02"] and capil.faktor == {"1.02": {"pendorong": "dana cair"}}
        assert ledger.accepted_bidang("2025-TW1") == {"CAPIL", "DAFDUK"}


def test_a_run_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    ws = Workspace(tmp_path / "ws")
    _inbox(ws, {"a.xlsx": "DAFDUK"})
    seen: list[int] = []
    check_inbox(ws, PERIOD, catalog=CAT, jobs=1, now=NOW, write_outputs=False,
                progress=lambda done, total: seen.append(gc.get_freeze_count()))
    assert seen[0] > 0 and gc.get_freeze_count() == 0  # frozen during the run only
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        check_inbox(ws, PERIOD, catalog=CAT, jobs=1, now=NOW, write_outputs=False)
        assert gc.get_freeze_count() == frozen  # the program's own frozen objects stay frozen
    finally:
        gc.unfreeze()
