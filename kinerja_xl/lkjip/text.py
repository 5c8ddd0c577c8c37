"""The drafted sentences of LKjIP Bab III, built from the figures only.

Every number in a paragraph is a figure of the recap; a fact the data does not
hold is written in [square brackets] for the Kasubag Perencanaan to fill in,
never guessed.
"""

from __future__ import annotations

from kinerja_xl.catalog.model import Polaritas, Target
from kinerja_xl.lkjip.figures import IkuFigures, LkjipFigures, Value
from kinerja_xl.recap.texts import tw_label


def angka(value: float, decimals: int = 2) -> str:
    """``1.234,56`` with at most ``decimals`` decimals (trailing zeros dropped)."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def persen(value: float) -> str:
    """A percentage with two decimals, as the recap shows it: ``98,50``."""
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def rupiah(value: float) -> str:
    return "Rp " + angka(round(value), 0)


def nilai(value: Value, satuan: str = "") -> str:
    if value is None:
        return "–"
    text = angka(value)
    if not satuan:
        return text
    return f"{text} %" if satuan.strip() == "%" else f"{text} {satuan}"


def selisih(value: float, satuan: str = "") -> str:
    """A difference: of a percentage in percentage points (0,48 poin persen), else in the unit."""
    return f"{angka(value)} poin persen" if satuan.strip() == "%" else nilai(value, satuan)


def target_text(t: Target | None, satuan: str = "") -> str:
    if t is None:
        return "–"
    if t.is_range:
        return f"{angka(t.low)}–{nilai(t.high, satuan)}"
    return nilai(t.low, satuan)


def _missing(what: str) -> str:
    return f"[{what}]"


def _achievement(f: IkuFigures, year: int) -> str:
    r = f.row
    ind = r.indikator
    sat = ind.satuan
    head = (f"Pada tahun {year}, indikator {ind.nama} ditargetkan {target_text(ind.target_tahunan, sat)} "
            f"dan terealisasi ")
    if r.realisasi_sd is None:
        return head + _missing(f"realisasi tahun {year} belum dilaporkan bidang; isi realisasinya") + "."
    head += f"{nilai(r.realisasi_sd, sat)}"
    if r.capped_sd is None:
        return head + ", sehingga " + _missing("capaian tidak dapat dihitung tanpa target; isi target tahunan") + "."
    cap = r.capped_sd
    text = f"{head}, sehingga capaiannya {persen(cap)} % dengan predikat {r.predikat_sd or '–'}."
    if r.capaian_sd is not None and r.capaian_sd != cap:
        text += f" (Capaian sebelum dibatasi {persen(r.capaian_sd)} %.)"
    if cap >= 100:
        lebih = f" dan terlampaui {persen(cap - 100)} poin persen" if cap > 100 else ""
        text += f" Target tercapai{lebih}"
    else:
        text += f" Target belum tercapai; capaian kurang {persen(100 - cap)} poin persen dari 100 %"
    t = ind.target_tahunan
    if t is not None and not t.is_range:
        gap = r.realisasi_sd - t.value
        if gap:
            arah = "di atas" if gap > 0 else "di bawah"
            arti = ""
            if ind.polaritas is Polaritas.NEGATIF:
                arti = " (indikator ini semakin rendah semakin baik)"
            text += f": realisasi {selisih(abs(gap), sat)} {arah} target{arti}"
    return text + "."


def _trend(now: Value, before: Value, sat: str) -> str:
    if now is None or before is None:
        return ""
    if now > before:
        return f"naik {selisih(now - before, sat)}"
    if now < before:
        return f"turun {selisih(before - now, sat)}"
    return "tetap"


def _quarters(f: IkuFigures) -> str:
    r = f.row
    sat = r.indikator.satuan
    reported = [q for q in range(1, 5) if r.realisasi_tw[q - 1] is not None]
    if len(reported) < 2:
        return _missing("tren antartriwulan tidak dapat diuraikan: realisasi triwulan belum lengkap")
    q = reported[-1]
    p = reported[-2]
    now, before = r.realisasi_tw[q - 1], r.realisasi_tw[p - 1]
    trend = _trend(now, before, sat)
    return (f"Dibandingkan {tw_label(p)} ({nilai(before, sat)}), realisasi {tw_label(q)} ({nilai(now, sat)}) "
            f"{trend}.")


def _last_year(f: IkuFigures, year: int) -> str:
    sat = f.indikator.satuan
    prev = f.last_year
    if prev is None:
        return _missing(f"realisasi tahun {year - 1} tidak ada di daftar kiriman maupun lembar Renstra; "
                        f"isi dari LKjIP {year - 1}")
    now = f.row.realisasi_sd
    if now is None:
        return ""
    return (f"Dibandingkan tahun {prev.tahun} ({nilai(prev.realisasi, sat)}, sumber: {prev.sumber}), realisasi "
            f"tahun {year} {_trend(now, prev.realisasi, sat)}.")


def _renstra(f: IkuFigures) -> str:
    plan = f.renstra
    sat = f.indikator.satuan
    if plan is None or plan.target_akhir is None:
        return _missing("target akhir Renstra belum ada di katalog (lembar Renstra); isi target akhir periode "
                        "dan kemajuan terhadapnya")
    akhir = plan.renstra.tahun[-1]
    text = f"Target akhir Renstra tahun {akhir} adalah {nilai(plan.target_akhir, sat)}"
    if plan.realisasi_sd is None or plan.capaian_akhir is None:
        return text + "; " + _missing("kemajuan terhadap target akhir belum dapat dihitung") + "."
    return (f"{text}; realisasi s.d. tahun {f.years[-1].tahun} ({nilai(plan.realisasi_sd, sat)}) telah mencapai "
            f"{persen(plan.capaian_akhir)} % dari target akhir tersebut.")


def _kendala(f: IkuFigures, bidang: str) -> str:
    text = f.row.kendala.strip().replace("\n", "; ").rstrip(".")
    if text:
        return f"Kendala dan rencana tindak lanjut yang dilaporkan {bidang}: {text}."
    cap = f.row.capped_sd
    if cap is not None and cap < 100:
        return _missing(f"{bidang} tidak melaporkan kendala; uraikan penyebab capaian di bawah target dan "
                        "upaya yang akan dilakukan")
    return _missing("uraikan faktor pendukung keberhasilan dan upaya mempertahankannya")


def _budget(f: IkuFigures) -> str:
    if not f.programs:
        return _missing("program pendukung sasaran ini dan anggarannya belum terhubung di katalog (lembar "
                        "Anggaran, kolom sasaran); isi pagu, realisasi dan serapannya")
    names = ", ".join(p.nama for p in f.programs)
    pagu, real, ser = f.pagu, f.realisasi_anggaran, f.serapan
    if pagu is None or real is None or ser is None:
        return (f"Sasaran ini didukung oleh {names}; "
                + _missing("pagu atau realisasi anggaran belum lengkap; isi serapannya") + ".")
    text = (f"Sasaran ini didukung oleh {names} dengan pagu {rupiah(pagu)} dan realisasi {rupiah(real)}, "
            f"atau serapan {persen(ser)} %.")
    cap = f.row.capped_sd
    if cap is None:
        return text + " " + _missing("efisiensi tidak dapat dinilai tanpa capaian kinerja")
    if cap >= ser:
        nilai_efisiensi = f"lebih tinggi {persen(cap - ser)} poin dari serapan anggaran: sumber daya digunakan efisien"
    else:
        nilai_efisiensi = (f"lebih rendah {persen(ser - cap)} poin dari serapan anggaran: penggunaan sumber daya "
                           "kurang efisien")
    return f"{text} Capaian kinerja {persen(cap)} % {nilai_efisiensi}."


def paragraphs(f: IkuFigures, figures: LkjipFigures) -> list[str]:
    """The drafted analysis of one IKU: achievement, trends, Renstra, kendala, budget."""
    year = figures.year
    cat = figures.model.catalog
    b = cat.bidang_by_kode.get(f.indikator.bidang)
    bidang = f"bidang {b.nama}" if b else f"bidang {f.indikator.bidang}"
    first = " ".join(x for x in (_achievement(f, year), _quarters(f), _last_year(f, year)) if x)
    second = " ".join(x for x in (_renstra(f), _standar(f)) if x)
    return [first, second, _kendala(f, bidang), _budget(f)]


def _standar(f: IkuFigures) -> str:
    std = f.indikator.standar_nasional
    if not std:
        return ""
    return f"Standar nasional untuk indikator ini: {std}."
