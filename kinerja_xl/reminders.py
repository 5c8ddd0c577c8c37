"""Reminders ready to send: one message per bidang that has not sent, was returned, or is late.

Each carries the period, the deadline and the days left (or late), what to fix when the last
file was returned, and the bidang's own upload link; with a WhatsApp link (``wa.me``) when the
catalog gives the bidang a phone number and a ``mailto:`` link when it gives an e-mail address.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from kinerja_xl.angka import tanggal_indonesia
from kinerja_xl.catalog.model import Catalog
from kinerja_xl.ledger import Ledger
from kinerja_xl.period import Period
from kinerja_xl.status import BELUM, DIKEMBALIKAN, BidangStatus, statuses
from kinerja_xl.workspace import Workspace

#: At most this many findings are spelled out in a message (the umpan balik has them all).
MAX_FINDINGS = 5


@dataclass(frozen=True)
class Reminder:
    bidang: str
    nama: str
    state: str
    text: str
    url: str
    whatsapp: str | None  # https://wa.me/62…?text=…
    mailto: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"bidang": self.bidang, "nama": self.nama, "status": self.state, "pesan": self.text,
                "url": self.url, "whatsapp": self.whatsapp, "mailto": self.mailto}


def wa_number(phone: str) -> str | None:
    """``0812-3456-789`` / ``+62 812 …`` -> ``628123456789`` (wa.me wants the international number, digits only)."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits if len(digits) >= 9 else None


def _days(s: BidangStatus) -> str:
    if s.days_left > 0:
        return f"{s.days_left} hari lagi"
    if s.days_left == 0:
        return "hari ini"
    return f"sudah lewat {-s.days_left} hari"


def message_text(catalog: Catalog, period: Period, s: BidangStatus, url: str, problems: list[str]) -> str:
    lines = [f"Yth. Kepala {s.nama},", ""]
    if s.state == DIKEMBALIKAN:
        lines.append(f"Formulir Pengumpulan Data Kinerja {period.label} yang dikirim "
                     f"{tanggal_indonesia(dt.date.fromisoformat(s.received_at[:10])) if s.received_at else ''} "
                     "dikembalikan. Mohon perbaiki:")
        lines += [f"- {p}" for p in problems[:MAX_FINDINGS]]
        if len(problems) > MAX_FINDINGS:
            lines.append(f"- dan {len(problems) - MAX_FINDINGS} temuan lain (lihat formulir bertanda)")
        lines.append(f"lalu kirim kembali paling lambat {tanggal_indonesia(s.deadline)} ({_days(s)}).")
    else:
        lines.append(f"Mohon kirim formulir Pengumpulan Data Kinerja {period.label} paling lambat "
                     f"{tanggal_indonesia(s.deadline)} ({_days(s)}).")
    lines += ["", f"Unduh formulir dan unggah isiannya di: {url}", "",
              f"Terima kasih. Subbagian Perencanaan {catalog.instansi.nama_opd}"]
    return "\n".join(lines)


def reminders(ws: Workspace, catalog: Catalog, period: Period, urls: dict[str, str], *,
              today: dt.date | None = None) -> list[Reminder]:
    """The reminders of ``period`` (``urls``: bidang -> its upload link)."""
    out = []
    by_kode = catalog.bidang_by_kode
    with Ledger(ws.ledger_url) as ledger:
        for s in statuses(catalog, ledger, period, today or dt.date.today()):
            if s.state not in (BELUM, DIKEMBALIKAN):
                continue
            problems: list[str] = []
            if s.state == DIKEMBALIKAN:
                last = ledger.submissions(period.code, s.bidang)[-1]
                problems = [f"{'sel ' + f.cell + ': ' if f.cell else ''}{f.message}"
                            for f in last.findings if f.is_error]
            url = urls.get(s.bidang, "")
            text = message_text(catalog, period, s, url, problems)
            b = by_kode[s.bidang]
            number = wa_number(getattr(b, "telepon", ""))
            email = getattr(b, "surel", "")
            subject = f"Pengumpulan Data Kinerja {period.label}"
            out.append(Reminder(
                s.bidang, s.nama, s.state, text, url,
                f"https://wa.me/{number}?text={quote(text)}" if number else None,
                f"mailto:{quote(email, safe='@.')}?subject={quote(subject)}&body={quote(text)}" if email else None))
    return out
