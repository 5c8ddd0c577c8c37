"""check_file over the built corpus: every case gives its finding code at its cell, and no file changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from corpus import PERIOD, Case, build_corpus, catalog
from factories import sliced

from kinerja_xl.catalog.model import FormCatalog
from kinerja_xl.intake.checker import check_file
from kinerja_xl.intake.result import FileResult, Previous, Verdict

CAT = catalog()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case], dict[str, str]]:
    folder = tmp_path_factory.mktemp("intake") / "masuk"
    cases = build_corpus(folder, CAT)
    digests = {c.name: hashlib.sha256((folder / c.name).read_bytes()).hexdigest() for c in cases}
    return folder, cases, digests


def _check(folder: Path, case: Case, catalog: FormCatalog = CAT) -> FileResult:
    return check_file(folder / case.name, catalog, PERIOD, display_name=f"masuk/{case.name}",
                      previous=Previous(elements=case.previous))


def test_corpus_cases(corpus: tuple[Path, list[Case], dict[str, str]]) -> None:
    folder, cases, digests = corpus
    problems = []
    for case in cases:
        res = _check(folder, case)
        found = {(f.code, f.cell) for f in res.findings}
        want = Verdict.ACCEPTED if case.accepted else Verdict.RETURNED
        if res.verdict is not want:
            problems.append(f"{case.name}: verdict {res.verdict}, findings {sorted(found, key=str)}")
        for code, cell in case.expected:
            if (code, cell) not in found:
                problems.append(f"{case.name}: expected {code} at {cell}, got {sorted(found, key=str)}")
        if case.accepted and not case.expected and res.findings:
            problems.append(f"{case.name}: unexpected findings {sorted(found, key=str)}")
        if case.values is not None and res.values != case.values:
            problems.append(f"{case.name}: values {res.values} != {case.values}")
        if res.bidang != case.bidang:
            problems.append(f"{case.name}: bidang {res.bidang} != {case.bidang}")
        for f in res.findings:
            if f.file != f"masuk/{case.name}" or not f.message.strip():
                problems.append(f"{case.name}: finding without file or message: {f}")
        assert res.sha256 == digests[case.name]
    assert not problems, "\n".join(problems)
    for case in cases:
        assert hashlib.sha256((folder / case.name).read_bytes()).hexdigest() == digests[case.name], case.name


def test_every_case_is_checked_the_same_with_the_catalog_one_bidang_at_a_time(
        corpus: tuple[Path, list[Case], dict[str, str]]) -> None:
    """``check`` reads the catalog from the cache a bidang at a time (catalog/slices.py): every case
    (unmarked forms guessed from their codes, outdated forms, falls from last quarter, unknown
    bidang ...) gets the very result it gets from the whole catalog."""
    folder, cases, _ = corpus
    one_at_a_time = sliced(CAT)
    for case in cases:
        assert _check(folder, case, one_at_a_time) == _check(folder, case), case.name


def test_every_intake_code_is_exercised(corpus: tuple[Path, list[Case], dict[str, str]]) -> None:
    """Each code of kinerja_xl.intake.codes is produced by a corpus case (or by the named unit test)."""
    from kinerja_xl.intake import codes
    defined = {v for k, v in vars(codes).items()
               if k.isupper() and not k.startswith("_") and k not in ("E", "W") and isinstance(v, str)}
    _, cases, _ = corpus
    exercised = {code for case in cases for code, _ in case.expected}
    elsewhere = {"berkas-tidak-terbaca": "test_never_raises_on_damaged_bytes",
                 "nilai-di-bawah-minimum": "test_below_the_catalog_minimum",
                 "berkas-ganda": "test_intake_run.py::test_two_new_files_for_one_bidang_are_both_returned",
                 "isian-teks-terlalu-panjang": "test_intake_small.py::test_a_text_longer_than_a_cell_holds_is_a_warning"
                                               "_and_the_umpan_balik_is_still_written",
                 "formulir-bidang-lain": "test_server_routes.py::"
                                         "test_another_bidang_s_form_uploaded_through_a_link_is_returned_and_kept_apart"}
    # the Anggaran sheet's codes: tests/test_intake_anggaran.py (test_every_anggaran_code_is_exercised_here)
    anggaran = {c for c in defined if c.startswith("anggaran-")}
    assert defined - exercised - anggaran == set(elsewhere)
