"""Which files below the inbox are submissions, and what kind of file each one is (by content)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from corpus import ods_stub, ole_stub, zip_bomb

from kinerja_xl.intake import codes
from kinerja_xl.intake.checker import discover
from kinerja_xl.intake.files import open_package, skip_reason


def test_discover_lists_every_file_sorted_with_skip_reasons(tmp_path: Path) -> None:
    names = [
        "b/DAFDUK.xlsx", "a.xlsx", "~$a.xlsx", ".~lock.a.xlsx#", ".hidden.xlsx", "Thumbs.db", "desktop.ini",
        ".DS_Store", "b/~WRL0003.tmp", "b/unduhan.xlsx.crdownload", "__MACOSX/._a.xlsx", ".git/x.xlsx",
        "CAPIL (1).xlsx", "z/y/PIAK revisi.xlsx",
    ]
    for n in names:
        (tmp_path / n).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / n).write_bytes(b"x")
    (tmp_path / "kosong").mkdir()
    found = discover(tmp_path)
    rel = [p.relative_to(tmp_path).as_posix() for p, _ in found]
    assert sorted(rel) == sorted(names)
    assert rel == sorted(rel, key=lambda s: tuple(s.split("/")))
    reasons = {p.relative_to(tmp_path).as_posix(): r for p, r in found}
    submissions = {n for n, r in reasons.items() if r is None}
    assert submissions == {"b/DAFDUK.xlsx", "a.xlsx", "CAPIL (1).xlsx", "z/y/PIAK revisi.xlsx"}
    assert "Excel" in str(reasons["~$a.xlsx"]) and "LibreOffice" in str(reasons[".~lock.a.xlsx#"])
    assert "sistem" in str(reasons["Thumbs.db"]) and "sementara" in str(reasons["b/~WRL0003.tmp"])
    assert all(isinstance(r, str) and r for n, r in reasons.items() if n not in submissions)


@pytest.mark.parametrize(("name", "reason"), [("~$Bidang.xlsx", True), ("Bidang~.xlsx", False),
                                              ("Bidang.xlsx~", True), ("~tmp", True)])
def test_skip_reason_edge_cases(name: str, reason: bool) -> None:
    assert (skip_reason(Path(name)) is not None) is reason


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in members.items():
            zf.writestr(n, d)
    return buf.getvalue()


@pytest.mark.parametrize(("data", "code", "what"), [
    (b"", codes.BERKAS_RUSAK, "kosong"),
    (b"%PDF-1.7 ...", codes.BERKAS_BUKAN_BUKU_KERJA, "PDF"),
    (b"\x89PNG\r\n\x1a\n....", codes.BERKAS_BUKAN_BUKU_KERJA, "gambar"),
    (b"<html><table><tr><td>1</td></tr></table></html>", codes.BERKAS_BUKAN_BUKU_KERJA, "HTML"),
    (b"Kode;Nilai\nE01;5\n", codes.BERKAS_BUKAN_BUKU_KERJA, "CSV"),
    (_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}), codes.BERKAS_BUKAN_BUKU_KERJA, "Word"),
    (_zip({"DAFDUK.xlsx": b"PK"}), codes.BERKAS_BUKAN_BUKU_KERJA, "ekstrak"),
    (_zip({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"x"}), codes.BERKAS_XLSM, "makro"),
    (b"PK\x03\x04" + b"\0" * 40, codes.BERKAS_RUSAK, "zip"),
])
def test_open_package_recognises_by_content(data: bytes, code: str, what: str) -> None:
    opened = open_package(data, "kiriman.xlsx")
    assert opened.zip is None
    [finding] = opened.findings
    assert finding.code == code and finding.file == "kiriman.xlsx"
    assert what.casefold() in finding.message.casefold()


def test_ole_files(tmp_path: Path) -> None:
    enc = ole_stub(tmp_path / "a.xlsx", "EncryptionInfo", "EncryptedPackage").read_bytes()
    xls = ole_stub(tmp_path / "b.xls", "Workbook").read_bytes()
    doc = ole_stub(tmp_path / "c.doc", "WordDocument").read_bytes()
    assert [f.code for f in open_package(enc, "a").findings] == [codes.BERKAS_BERSANDI]
    assert [f.code for f in open_package(xls, "b").findings] == [codes.BERKAS_XLS]
    assert [f.code for f in open_package(doc, "c").findings] == [codes.BERKAS_BUKAN_BUKU_KERJA]
    assert ".xlsx" in open_package(xls, "b").findings[0].message


def test_ods_and_zip_bomb(tmp_path: Path) -> None:
    ods = ods_stub(tmp_path / "a.ods").read_bytes()
    assert [f.code for f in open_package(ods, "a").findings] == [codes.BERKAS_ODS]
    assert "simpan sebagai" in open_package(ods, "a").findings[0].message
    bomb = zip_bomb(tmp_path / "bom.xlsx", mb=6).read_bytes()
    assert len(bomb) < 100_000
    assert [f.code for f in open_package(bomb, "bom").findings] == [codes.BERKAS_TERLALU_BESAR]


def test_a_plain_xlsx_opens(tmp_path: Path) -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    opened = open_package(data, "x")
    assert opened.zip is not None and not opened.findings
