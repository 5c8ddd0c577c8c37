"""Contoh: the sample catalog, the figures its bidang report, and ``kinerja-xl demo``.

A client of the library, at the top beside the CLI: nothing below imports it. Importing
the package loads nothing; use its modules:

- :mod:`~kinerja_xl.contoh.catalog` — ``build_sample_catalog()`` (``samples/katalog.xlsx``,
  ``kinerja-xl init --contoh``), ``sample_period()``;
- :mod:`~kinerja_xl.contoh.data`, :mod:`~kinerja_xl.contoh.budget` — what the sample bidang fill in;
- :mod:`~kinerja_xl.contoh.demo` — the whole cycle on the samples (``run_demo``), through :mod:`kinerja_xl.api`.
"""
