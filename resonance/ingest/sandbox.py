"""Reading a partner file in a child process with a memory and a time limit, so that a hostile file fails alone.

A file's declared sizes are checked first (`connectors.partner_file.limits`, cheap); then the
preview runs in a process forked from a small server that has the import engine loaded already
(multiprocessing "forkserver": a start costs milliseconds, not an import of pandas and DuckDB).
That process may use `RESONANCE_PARSE_MEMORY_MB` of address space (RLIMIT_AS) and
`RESONANCE_PARSE_TIMEOUT_S` seconds; beyond, it fails or is killed, and the caller gets a French
sentence naming the file, the limit and what to do. The web server and the command line never
allocate what a file claims. The preview comes back pickled (DataFrames), the progress through
the same pipe; the child reads the store through it too (`relayed_store`: the parent runs the
named queries on its own connection, read-only), so it never opens the store file itself.
"""
from __future__ import annotations

import ctypes
import functools
import importlib
import logging
import multiprocessing
import os
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import popen_forkserver, spawn
from pathlib import Path

from connectors.partner_file import limits as file_limits
from connectors.partner_file.reader import PartnerFileError
from resonance import formatting as fmt
from resonance import i18n
from resonance.i18n import t
from resonance.ingest.relayed_store import REQUEST, Relay, RelayedStore
from resonance.settings import ParseLimits, environment, parse_limits, use_environment
from resonance.store import StoreError

log = logging.getLogger(__name__)
ENGINE = "resonance.ingest.parse_server"     # loaded once in the fork server, so every child starts with it
_INSIDE = False                              # true in the child: the decorated function then runs as is
_KILLED_BY_MEMORY = (-6, -9)                 # SIGABRT (a Rust or C++ allocation refused), SIGKILL (the kernel's OOM killer)
_launching = threading.Lock()
_context_lock = threading.Lock()
_context = None
_runs = threading.local()


@dataclass
class Run:
    """How the last bounded parse of this thread went: for the tests and the benchmark."""

    outcome: str = ""                # done | refused | memory | timeout | failed | store
    seconds: float = 0.0
    peak_rss_mb: float = 0.0         # the child's high-water resident memory
    peak_vm_mb: float = 0.0          # its high-water address space (what RLIMIT_AS caps)
    limit_mb: int = 0


def last_run() -> Run | None:
    return getattr(_runs, "run", None)


# -- starting the child ------------------------------------------------------------------------------------
class _Popen(popen_forkserver.Popen):
    """The fork server's launcher, minus the caller's main module.

    multiprocessing re-imports the parent's `__main__` in the child: under Streamlit that is the
    page being run, under `python -m resonance` the command line itself. Neither must run again.
    """

    def _launch(self, process_obj):
        original = spawn.get_preparation_data

        def without_main(name):
            data = original(name)
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
            return data

        with _launching:
            spawn.get_preparation_data = without_main
            try:
                super()._launch(process_obj)
            finally:
                spawn.get_preparation_data = original


def _get_context():
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([ENGINE])
            _context = context
        return _context


class _Process(multiprocessing.context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


# -- the child ---------------------------------------------------------------------------------------------
def _child(conn, target: tuple[str, str], store_path: str | None, args: tuple, kwargs: dict,
           env: dict[str, str], lang: str, limits: ParseLimits, with_progress: bool) -> None:
    global _INSIDE
    _INSIDE = True
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))            # an aborted parse leaves no core file behind
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = int(limits.timeout_s) + 5                              # a backstop should the parent be gone
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:                                 # few malloc arenas: each thread's would reserve 64 MB of address space
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)                   # M_ARENA_MAX
    except (OSError, AttributeError):
        pass
    use_environment(env)                 # the fork server started with the environment of its own start
    i18n.set_language(lang)
    last = [-1.0]

    def progress(fraction: float, label: str) -> None:
        if fraction - last[0] >= 0.01 or fraction >= 1.0:
            last[0] = fraction
            conn.send(("progress", fraction, label))

    try:
        module, name = target
        function = getattr(importlib.import_module(module), name)
        function = getattr(function, "__wrapped__", function)
        store = RelayedStore(conn, store_path) if store_path else None    # read through the parent
        if with_progress:
            kwargs = {**kwargs, "progress": progress}
        message = ("done", function(store, *args, **kwargs))
    except MemoryError:
        message = ("memory", None)
    except StoreError as error:          # the store busy or unreadable: its own sentence, not "the file is damaged"
        message = ("store", str(error))
    except Exception as error:  # noqa: BLE001 - the parent turns it into a sentence; the trace goes to the log
        memory = "out of memory" in str(error).lower() or "could not allocate" in str(error).lower()
        if not memory:
            log.exception("bounded parse failed")
        message = ("memory" if memory else "failed", None)
    try:
        conn.send(message)
    except Exception:  # noqa: BLE001 - a result too large for the memory left, or one that does not pickle
        log.exception("bounded parse: the result could not be sent back")
        conn.send(("memory", None))
    conn.close()


# -- the parent --------------------------------------------------------------------------------------------
def _memory_of(pid: int) -> tuple[float, float]:
    """The child's high-water RSS and address space (MB), read from /proc while it runs."""
    rss = vm = 0.0
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("VmPeak:"):
                    vm = int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return rss, vm


@contextmanager
def _on_disk(source: bytes | str | Path):
    """Bytes of an upload go to a private temporary file: the child reads it in place, nothing big is pickled."""
    if isinstance(source, str | Path):
        yield str(source)
        return
    handle, name = tempfile.mkstemp(prefix="resonance-upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(source)
        yield name
    finally:
        Path(name).unlink(missing_ok=True)


def run_bounded(function: Callable, store, source, file_name: str, options: dict, limits: ParseLimits):
    """Run `function(store, source, file_name, **options)` in a bounded child; (outcome, result) back."""
    progress = options.pop("progress", None)
    run = Run(limit_mb=limits.memory_mb)
    _runs.run = run
    started = time.monotonic()
    env = environment()
    context = _get_context()
    with _on_disk(source) as path:
        receiver, sender = context.Pipe(duplex=True)        # progress and the store's reads come this way too
        process = _Process(target=_child, daemon=True, args=(
            sender, (function.__module__, function.__name__), str(store.path) if store is not None else None,
            (path, file_name), options, env, i18n.language(), limits, progress is not None))
        process.start()
        sender.close()
        relay = Relay(store) if store is not None else None
        outcome, result = "failed", None
        deadline = started + limits.timeout_s
        try:
            while True:
                rss, vm = _memory_of(process.pid)
                run.peak_rss_mb, run.peak_vm_mb = max(run.peak_rss_mb, rss), max(run.peak_vm_mb, vm)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    outcome = "timeout"
                    break
                if not receiver.poll(min(remaining, 0.1)):
                    if process.exitcode is not None and not receiver.poll(0):
                        outcome = "memory" if process.exitcode in _KILLED_BY_MEMORY else "failed"
                        break
                    continue
                try:
                    message = receiver.recv()
                except EOFError:
                    process.join(5)
                    outcome = "memory" if process.exitcode in _KILLED_BY_MEMORY else "failed"
                    break
                if message[0] == "progress":
                    progress(message[1], message[2])
                    continue
                if message[0] == REQUEST and relay is not None:
                    receiver.send(relay.answer(*message[1:]))
                    continue
                outcome, result = message
                break
        finally:
            if relay is not None:
                relay.close()                # whatever read the child left open (it failed, or was stopped)
            receiver.close()
            if process.is_alive():
                process.join(0.5 if outcome != "timeout" else 0)
            if process.is_alive():
                process.kill()
            process.join(5)
    run.outcome, run.seconds = outcome, time.monotonic() - started
    if outcome not in ("done", "failed"):
        log.warning("%s: bounded parse stopped (%s, peak %.0f MB of %d MB)", file_name, outcome, run.peak_rss_mb,
                    limits.memory_mb)
    return outcome, result


def refusal(outcome: str, file_name: str, limits: ParseLimits) -> str:
    """The French (or English) sentence for a parse that was stopped."""
    if outcome == "memory":
        return t("security.parse.memory", file=file_name, mb=fmt.number(limits.memory_mb, i18n.language()))
    if outcome == "timeout":
        seconds = limits.timeout_s
        return t("security.parse.timeout", file=file_name,
                 seconds=fmt.number(seconds, i18n.language(), 0 if float(seconds).is_integer() else 1))
    return t("security.parse.failed", file=file_name)


def bounded(refused: Callable[[str, str], object]):
    """Decorate `preview(store, source, file_name=None, **options)`: checked, then run in a bounded child.

    `refused(file_name, sentence)` builds what the function returns for a file it will not read.
    """
    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def call(store, source, file_name=None, **options):
            name = file_name or (Path(source).name if isinstance(source, str | Path) else "fichier")
            limits = parse_limits()
            if _INSIDE or not limits.sandbox:
                return function(store, source, name, **options)
            try:
                file_limits.check(source, name, limits)
            except PartnerFileError as error:
                _runs.run = Run(outcome="refused", limit_mb=limits.memory_mb)
                return refused(name, str(error))
            except OSError:
                pass                     # an unreadable path: the reader says so in its own words
            outcome, result = run_bounded(function, store, source, name, dict(options), limits)
            if outcome == "done":
                return result
            if outcome == "store":
                return refused(name, result)
            return refused(name, refusal(outcome, name, limits))

        return call

    return decorate
