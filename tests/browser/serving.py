"""What every browser test needs once: the system Chromium, the app served on a free loopback port, and a page read
only once Streamlit has finished drawing it."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers import ROOT

CHROMIUM = os.environ.get("RESONANCE_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
NNBSP = "\u202f"


def require_browser() -> None:
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    message = f"Chromium introuvable ({CHROMIUM}) : installez-le avec `apt-get install -y chromium`."
    # Skipped on a developer's machine without Chromium; in CI a missing browser fails the run.
    (pytest.fail if os.environ.get("CI") else pytest.skip)(message + (" En CI ce test doit s'exécuter." if os.environ.get("CI") else ""))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(folder: Path, seed: str | None = None):
    """`python -m resonance init` (store + demo), an optional Python `seed` run against that store, then
    `streamlit run app.py` on a free port, as `make run` does. Yields {"url", "folder", "env"}."""
    require_browser()
    env = {**os.environ, "RESONANCE_DB": str(folder / "resonance.duckdb"), "RESONANCE_LANG": "fr", "RESONANCE_DEMO": "1"}
    env.pop("RESONANCE_ASSETS", None)
    subprocess.run([sys.executable, "-m", "resonance", "init"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    if seed:
        subprocess.run([sys.executable, "-c", seed], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    with streamlit_app("app.py", ROOT, env, folder / "streamlit.log") as url:
        yield {"url": url, "folder": folder, "env": env}


@contextmanager
def streamlit_app(script: str, cwd: Path, env: dict, log_path: Path, *options: str, wait_s: float = 90):
    """`streamlit run <script>` (cwd `cwd`) on a free loopback port; yields its address once its health endpoint
    answers and Streamlit has served its root once, stops it after. The browser tests, the two-server lake test
    and bench/browser_bench.py serve the app through this one helper."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address",
             "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false", *options],
            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                        break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError(f"{script} did not answer on {url}:\n{log_path.read_text()}") from None
                    time.sleep(0.3)
            # Streamlit's first session after a start shows its own English "Page not found" for any address but
            # the root, before app.py runs (its page list is not known yet): the root is asked once first.
            urllib.request.urlopen(url, timeout=30).read()
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def settle(page) -> None:
    """Wait until Streamlit has finished running the page: its title drawn, no "running" status, no spinner, no
    skeleton and no stale element (an element of the previous run not yet replaced)."""
    page.locator("[data-testid='stMain']").wait_for()
    # Every page starts with its title: until it is drawn the script is still running (on a busy machine
    # Streamlit may not show its "running" status yet, and the page would be read half-drawn).
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    page.wait_for_timeout(600)
    for _ in range(2):                        # twice: a page may rerun once (a picker writing the address)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"] *') && "
            "!document.querySelector('[data-testid=\"stSkeleton\"]') && !document.querySelector('.stSpinner') && "
            "!document.querySelector('[data-stale=\"true\"]')",
            timeout=60_000)
        page.wait_for_timeout(500)


FIGURES = """() => Array.from(document.querySelectorAll("[data-testid='stMetric']"))
  .filter(f => !f.closest("[data-stale='true']"))
  .map(f => [f.querySelector("[data-testid='stMetricLabel']"), f.querySelector("[data-testid='stMetricValue']")])
  .filter(([label, value]) => label && value)
  .map(([label, value]) => [label.innerText.trim(), value.innerText.trim().replaceAll('\\u202f', ' ')])"""


def figures(page) -> dict[str, str]:
    """The key figures the page shows, label → value (narrow spaces as spaces), read in one go once it is drawn: a
    figure read one by one while Streamlit redraws may vanish between the count and the read."""
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=60_000)
    settle(page)
    shown = {}
    for label, value in page.evaluate(FIGURES):
        shown.setdefault(label, value)          # the first tile of a label is the key figure's
    return shown
