"""A Jupyter server from .venv on 127.0.0.1 for the tests that talk to one (test_jupyter_save, test_browser): a free
port, a token, wait until it answers, stop it however the test ends."""
import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyter_server(program: str, # "jupyter-server" or "jupyter-lab", in .venv/bin
                   root: Path, # the folder it serves (and its working directory)
                   log: Path, # its stdout and stderr, shown when it does not start
                   env: dict | None = None, # its environment (None: this one)
                   token: str = "animegan-test",
                   timeout: float = 90): # seconds to wait for it to answer
    "Yield (base URL, token) of a running server; stop it afterwards."
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / program), "--no-browser", "--allow-root", f"--port={port}", "--ip=127.0.0.1",
                                   f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"],
                                  cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).read()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(f"{program} did not start: {log.read_text()[-2000:]}")
                    time.sleep(0.3)
            yield base, token
        finally:
            server.terminate()
            try: server.wait(timeout=20)
            except subprocess.TimeoutExpired: server.kill()
