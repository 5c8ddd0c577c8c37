"""Fill xlsx workbooks in LibreOffice Calc as a person would (run by the system ``/usr/bin/python3``).

Called by ``libreoffice.fill_many``; not a test module. Reads JSON on stdin::

    {"soffice": "/usr/bin/soffice", "profile": "file:///tmp/...",
     "jobs": [{"src": "/abs/in.xlsx", "dst": "/abs/out.xlsx",
               "cells": [["Isian", "F12", 42], ["Isian", "G12", "BPS"], ...]}]}

For each job: load ``src`` hidden, type every cell — numbers with
``setValue``, text with ``setString`` (text starting with ``=`` with
``setFormula``), ``{"typed": "42%"}`` through Calc's own input (the ``.uno:EnterString``
command on the selected cell, as when typing and pressing Enter: ``42%`` is
stored as 0.42 and the cell gets a percent format), ``null`` clears the cell — except locked cells of protected
sheets, which Calc's UI refuses (the API would write them, so we check
``CellProtection.IsLocked`` and ``isProtected()`` ourselves); then
``calculateAll`` and store as "Calc MS Excel 2007 XML". Writes JSON on stdout:
``[{"dst": ..., "written": [[sheet, a1], ...], "refused": [[sheet, a1], ...]}]``.
Exit 1 with a message on stderr when something goes wrong.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.uno import RuntimeException as UnoRuntimeException

CONNECT_TIMEOUT = 60.0


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def file_url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def start_office(soffice, profile):
    pipe = "kxl_fill_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
         "--nologo", "-env:UserInstallation=" + profile,
         "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if proc.poll() is not None:
                raise RuntimeError(f"soffice exited with {proc.returncode} before accepting a connection")
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"soffice did not accept a connection within {CONNECT_TIMEOUT:.0f} s")
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, ctx, desktop


def stop_office(proc, desktop):
    try:
        desktop.terminate()
    except UnoRuntimeException:  # the bridge may drop while soffice quits (DisposedException)
        pass
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def type_in(ctx, doc, sheet, cell, text):
    """Type ``text`` into ``cell`` as a person does (the input line, then Enter)."""
    controller = doc.getCurrentController()
    controller.setActiveSheet(sheet)
    controller.select(cell)
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    helper.executeDispatch(controller.getFrame(), ".uno:EnterString", "", 0, (prop("StringName", text),))


def fill(ctx, desktop, job):
    doc = desktop.loadComponentFromURL(file_url(job["src"]), "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {job['src']}")
    written, refused = [], []
    try:
        sheets = doc.getSheets()
        for sheet_name, a1, value in job["cells"]:
            if not sheets.hasByName(sheet_name):
                raise RuntimeError(f"{job['src']} has no sheet {sheet_name!r}")
            sheet = sheets.getByName(sheet_name)
            cell = sheet.getCellRangeByName(a1)
            if sheet.isProtected() and cell.CellProtection.IsLocked:
                refused.append([sheet_name, a1])
                continue
            if value is None:
                cell.setString("")
            elif isinstance(value, bool):
                raise RuntimeError(f"boolean values are not supported ({sheet_name}!{a1})")
            elif isinstance(value, (int, float)):
                cell.setValue(value)
            elif isinstance(value, dict) and "typed" in value:
                type_in(ctx, doc, sheet, cell, str(value["typed"]))
            elif isinstance(value, str) and value.startswith("="):
                cell.setFormula(value)
            else:
                cell.setString(str(value))
            written.append([sheet_name, a1])
        doc.calculateAll()
        doc.storeToURL(file_url(job["dst"]), (prop("FilterName", "Calc MS Excel 2007 XML"),
                                               prop("Overwrite", True)))
    finally:
        gone = close(doc)
    return {"dst": job["dst"], "written": written, "refused": refused}, gone


#: soffice may go away some time after ``.uno:EnterString`` on a hidden view (not every time): a job
#: with typed cells is tried again in a fresh session this many times in all.
TYPING_ATTEMPTS = 4


def close(doc):
    """Close a document; True when soffice went away meanwhile (it may, after ``.uno:EnterString``
    on a hidden view: the file is stored by then, so only the session is lost)."""
    try:
        doc.close(True)
    except UnoRuntimeException:  # DisposedException: the bridge dropped
        return True
    return False


def main():
    payload = json.load(sys.stdin)
    proc, ctx, desktop = start_office(payload["soffice"], payload["profile"])
    reports = []
    try:
        for job in payload["jobs"]:
            typing = any(isinstance(c[2], dict) for c in job["cells"])
            attempt = 0
            while True:
                try:
                    report, gone = fill(ctx, desktop, job)
                except UnoRuntimeException:  # soffice went away before the file was stored: again
                    attempt += 1
                    if attempt >= TYPING_ATTEMPTS or not typing:
                        raise
                    report, gone = None, True
                if gone:  # a new session for what follows; drop the lock file the old one left
                    stop_office(proc, desktop)
                    src = os.path.abspath(job["src"])
                    lock = os.path.join(os.path.dirname(src), ".~lock." + os.path.basename(src) + "#")
                    if os.path.exists(lock):
                        os.remove(lock)
                    proc, ctx, desktop = start_office(payload["soffice"], payload["profile"])
                if report is not None:
                    break
            reports.append(report)
    finally:
        stop_office(proc, desktop)
    json.dump(reports, sys.stdout)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as exc:
        print(f"lo_fill: {exc}", file=sys.stderr)
        sys.exit(1)
