"""Bahasa Indonesia for click's own messages (usage, errors, help headings).

click looks its messages up through :func:`gettext.gettext`; we give the click
modules a translator with a small catalogue instead of installing a process-wide
gettext domain. Untranslated messages fall back to click's English.
"""

from __future__ import annotations

import importlib

MESSAGES = {
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing option": "Opsi wajib belum diisi",
    "Missing argument": "Argumen wajib belum diisi",
    "Missing parameter": "Parameter wajib belum diisi",
    "Missing command.": "Perintah belum disebutkan.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    "No such option {name!r}.": "Opsi {name!r} tidak ada.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas, bukan folder.",
    "Aborted!": "Dibatalkan.",
    "default: {default}": "bawaan: {default}",
    "directory": "Folder",
    "file": "Berkas",
    "path": "Jalur",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksud Anda salah satu dari: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Argumen tambahan tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Argumen tambahan tidak dikenal ({args})",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
}

_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.decorators", "click.parser",
            "click.types", "click.termui")


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Point click's message look-ups at our catalogue (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
