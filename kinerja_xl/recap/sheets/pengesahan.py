"""*Pengesahan*: Disusun (penyusun), Diperiksa / paraf (Sekretaris), Disahkan (Kepala OPD)."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from kinerja_xl import angka, printing
from kinerja_xl.recap.sheets.common import Context, tanggal
from kinerja_xl.recap.texts import place
from kinerja_xl.xlsx import check


def write(ws: Worksheet, ctx: Context) -> None:
    m = ctx.model
    ins = m.catalog.instansi
    fmt = ctx.fmt
    for col in range(3):
        ws.set_column(col, col, 40)
    check(ws.write_string(0, 0, "LEMBAR PENGESAHAN", fmt.title), "write")
    check(ws.write_string(1, 0, f"Rekapitulasi Capaian Kinerja {m.period.label}", fmt.subtitle), "write")
    check(ws.write_string(2, 0, f"{ins.nama_opd} — {ins.pemerintah_daerah}", fmt.text), "write")
    check(ws.write_string(4, 2, f"{place(ins.pemerintah_daerah)}, {tanggal(ctx.generated.date())}", fmt.center),
          "write")
    blocks = (
        ("Disusun oleh,", ins.penyusun_jabatan, ins.penyusun_nama, ins.penyusun_nip),
        ("Diperiksa (paraf),", "Sekretaris", ins.sekretaris_nama, ins.sekretaris_nip),
        ("Disahkan oleh,", ins.kepala_jabatan or "Kepala Perangkat Daerah", ins.kepala_nama, ins.kepala_nip),
    )
    # written row by row (constant_memory): roles, positions, room to sign, names, NIP
    for col, (role, *_rest) in enumerate(blocks):
        check(ws.write_string(6, col, role, fmt.center), "write")
    ws.set_row(7, 30)
    for col, (_, jabatan, *_rest) in enumerate(blocks):
        check(ws.write_string(7, col, jabatan, fmt.center), "write")
    for row in range(8, 12):
        ws.set_row(row, 18)
    for col, (_, _, nama, _) in enumerate(blocks):
        check(ws.write_string(12, col, nama or "(nama)", fmt.signature_line), "write")
    for col, (_, _, _, nip) in enumerate(blocks):
        check(ws.write_string(13, col, f"NIP. {angka.nip(nip)}" if nip else "NIP.", fmt.center), "write")
    printing.apply(ws, printing.PrintSpec(footer=ctx.footer_title, keep=[(0, 13)], landscape=True), ctx.paper)
