"""Issue 13, finding 6 on a real server: demo mode through a relay or a foreign Host (DNS rebinding) gives nothing.

A real `streamlit run` on 127.0.0.1 with no account and demo mode chosen, spoken to over its own
websocket protocol: a local request gets the demo, the same request through a relay (X-Forwarded-For)
or under a foreign host name does not.
"""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg

# A real `streamlit run` per module: the full run only (make test), not the edit-and-check loop.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DEMO = "Mode démonstration".encode()
CLOSED = b"Aucun compte n'existe encore"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-served")
    port = _free_port()
    env = {**os.environ, "RESONANCE_DB": str(folder / "resonance.duckdb"), "RESONANCE_LANG": "fr", "RESONANCE_DEMO": "1"}
    env.pop("RESONANCE_ASSETS", None)
    log = open(folder / "streamlit.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, (folder / "streamlit.log").read_text()
            time.sleep(0.5)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def render(port: int, host: str, headers: dict[str, str]) -> bytes:
    """Everything the server sends for one run of the app, asked as a browser would from `host`."""
    async def run() -> bytes:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = ""
        received = b""
        async with websockets.connect(f"ws://{host}:{port}/_stcore/stream", host="127.0.0.1", port=port,
                                      subprotocols=["streamlit"], additional_headers=headers,
                                      max_size=None, open_timeout=30) as stream:
            await stream.send(message.SerializeToString())
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline and DEMO not in received and CLOSED not in received:
                try:
                    received += await asyncio.wait_for(stream.recv(), timeout=5)
                except TimeoutError:
                    if received:
                        break
        return received
    return asyncio.run(run())


def test_finding_6_the_demo_opens_for_a_local_request_only(served):
    local = render(served, "127.0.0.1", {"Origin": f"http://127.0.0.1:{served}"})
    assert DEMO in local
    relayed = render(served, "127.0.0.1", {"Origin": f"http://127.0.0.1:{served}", "X-Forwarded-For": "203.0.113.5"})
    assert DEMO not in relayed and CLOSED in relayed
    rebound = render(served, "rebind.evil.example", {"Origin": f"http://rebind.evil.example:{served}"})
    assert DEMO not in rebound and CLOSED in rebound
