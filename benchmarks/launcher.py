"""Runs the benchmark's child processes and reports their own peak memory (imports almost nothing).

A process started from a large one inherits the high-water mark of that one's memory at ``exec``
(Linux counts the old address space in ``ru_maxrss``), so the children are started from this
small process instead: it reads one JSON request per line (``argv``, ``env``) and answers with
wall seconds, CPU seconds, peak RSS in MB, exit code and the child's stdout (and stderr's tail).
"""

import json
import os
import selectors
import subprocess
import sys
import time


def _both(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    """Everything the child writes to stdout and stderr, read concurrently until both close."""
    chunks = {proc.stdout: [], proc.stderr: []}
    with selectors.DefaultSelector() as sel:
        for pipe in chunks:
            sel.register(pipe, selectors.EVENT_READ)
        while sel.get_map():
            for key, _ in sel.select():
                data = os.read(key.fileobj.fileno(), 65536)
                if data:
                    chunks[key.fileobj].append(data)
                else:
                    sel.unregister(key.fileobj)
                    key.fileobj.close()
    return b"".join(chunks[proc.stdout]), b"".join(chunks[proc.stderr])


def main() -> None:
    for line in sys.stdin:
        req = json.loads(line)
        start = time.perf_counter()
        # ``python -m`` puts the working directory first on sys.path: started from a checkout, the
        # child would import that checkout's kinerja_xl, not the PYTHONPATH's (``--repo``)
        proc = subprocess.Popen(req["argv"], env=req["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=req["cwd"])
        out, err = _both(proc)  # both pipes at once: a long progress bar on stderr must not block the child
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                          "code": os.waitstatus_to_exitcode(status), "out": out.decode("utf-8", "replace"),
                          "err": err.decode("utf-8", "replace")[-3000:]}), flush=True)


if __name__ == "__main__":
    main()
