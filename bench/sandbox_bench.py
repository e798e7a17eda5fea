"""What reading a partner file in the bounded child costs over reading it in this process, in one run.

On the demo set, times the preview of a small partner file (15 days, 3 figures: what most uploads are) through the
bounded child (the default: a forked process, memory and time limits, the store read through this process) and in
this process (RESONANCE_PARSE_SANDBOX=0), each as a ratio of one bare open + close of the store file (the floor,
measured here). The child's extra is its start and exit, the pickled preview, and the store's reads relayed.

    .venv/bin/python -m bench.sandbox_bench [--repeat 15]
"""
from __future__ import annotations

import argparse
import os

from bench.linger_bench import bare_open, demo_store, partner_file
from bench.timing import median_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args()
    store = demo_store("sandbox-bench-")
    from resonance.ingest import importing, sandbox
    path = partner_file(store.path.parent)

    def preview():
        result = importing.preview(store, path, campaign="Match avec ton futur", partner="Relais bench")
        assert result.ok, result.errors

    def preview_held():
        with store.hold():                      # a page's render holds the store while a file is read
            preview()

    floor = median_seconds(lambda: bare_open(store), arguments.repeat)
    print(f"floor: one bare open + close of the store file, {floor * 1000:.1f} ms")
    cases = {"in this process (RESONANCE_PARSE_SANDBOX=0)": ("0", preview),
             "bounded child": ("1", preview),
             "bounded child, store held by the page": ("1", preview_held)}
    for name, (sandboxed, action) in cases.items():
        os.environ["RESONANCE_PARSE_SANDBOX"] = sandboxed
        action()                                 # warm: the fork server started, caches, the rollups checked
        seconds = median_seconds(action, arguments.repeat)
        outcome = sandbox.last_run().outcome if sandboxed == "1" else "in process"
        print(f"{name:44}{seconds * 1000:8.1f} ms {seconds / floor:6.1f}×  ({outcome})")


if __name__ == "__main__":
    main()
