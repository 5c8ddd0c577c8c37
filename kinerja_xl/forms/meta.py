"""How intake recognises a form: its id, the ``_meta`` sheet and the document properties."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

import kinerja_xl
from kinerja_xl.catalog.model import FormCatalog
from kinerja_xl.forms import layout
from kinerja_xl.forms.cells import Styles, protect, put_string
from kinerja_xl.forms.context import FormContext
from kinerja_xl.period import Period
from kinerja_xl.xlsx import check


def form_id(catalog: FormCatalog, bidang_kode: str, period: Period) -> str:
    """A deterministic id: period, bidang and the bidang's catalog fingerprint.

    ``KXL-2025-TW1-DAFDUK-1A2B3C4D``; it changes when anything the bidang's
    form depends on changes in the catalog.
    """
    return f"KXL-{period.code}-{bidang_kode}-{catalog.fingerprint(bidang_kode)[:8].upper()}"


def meta_values(ctx: FormContext) -> dict[str, str]:
    """The metadata, by key of :data:`layout.META_KEYS` (in that order)."""
    values = {
        layout.META_FORM_ID: ctx.form_id,
        layout.META_TEMPLATE_VERSION: kinerja_xl.TEMPLATE_VERSION,
        layout.META_FINGERPRINT: ctx.catalog.fingerprint(ctx.bidang.kode),
        layout.META_BIDANG: ctx.bidang.kode,
        layout.META_PERIOD: ctx.period.code,
        layout.META_CREATED: ctx.created.isoformat(timespec="seconds"),
        layout.META_TOOL_VERSION: kinerja_xl.__version__,
    }
    return {key: values[key] for key in layout.META_KEYS}


def write_meta(wb: Workbook, ws: Worksheet, st: Styles, ctx: FormContext) -> None:
    """Fill the very hidden ``_meta`` sheet and the document properties."""
    values = meta_values(ctx)
    for row, (key, value) in enumerate(values.items()):
        put_string(ws, row, 0, key, st.get())
        put_string(ws, row, 1, value, st.get())
    check(ws.set_column(0, 0, 22), "set_column")
    check(ws.set_column(1, 1, 40), "set_column")
    ws.very_hidden()
    protect(ws, ctx.password)
    for key, value in values.items():
        check(wb.set_custom_property(layout.PROPERTY_PREFIX + key, value), f"custom property {key}")
    ins = ctx.catalog.instansi
    wb.set_properties({
        "title": f"Formulir Elemen Data Laporan Kinerja {ctx.bidang.label} {ctx.period.label}",
        "subject": "Pengumpulan Data Kinerja",
        "author": ins.nama_opd,
        "manager": "Sub Bagian Perencanaan",
        "company": ins.pemerintah_daerah,
        "category": "Formulir elemen data",
        "keywords": f"SAKIP, {ctx.bidang.kode}, {ctx.period.code}",
        "comments": f"Kode formulir {ctx.form_id}. Dibuat dengan kinerja-xl {kinerja_xl.__version__}.",
        "created": ctx.created,
    })
