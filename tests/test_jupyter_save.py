"""Opening and saving a notebook in JupyterLab leaves the clone as committed: the server from .venv runs nbdev's
clean hook before every save (configured by `make install`, enabled by `jupyter_hooks` in settings.ini). Outputs of
cells a student ran are kept in their copy (nbdev_clean keeps outputs); `tools/check_sync.py` refuses them in commits."""
import json
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest
from local_jupyter import BIN, jupyter_server   # tests/local_jupyter.py: one way to run a server in a test

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json"


def request(method, url, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as response: return json.loads(response.read() or b"null")


@pytest.mark.skipif(not (BIN / "jupyter-server").exists() and not (BIN / "jupyter").exists(), reason="jupyter is not installed")
def test_saving_through_jupyter_keeps_the_committed_form(tmp_path):
    assert CONFIG.is_file(), f"{CONFIG} is missing: `make install` writes it"
    (tmp_path / "nbs").mkdir()
    shutil.copy(ROOT / "settings.ini", tmp_path / "settings.ini")
    committed = (ROOT / "nbs" / "00_core.ipynb").read_text()
    nb = json.loads(committed)
    # what JupyterLab sends back after a student opened and ran the notebook
    nb["metadata"]["kernelspec"]["display_name"] = "Python (animegan_keras)"
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.11.2", "mimetype": "text/x-python",
                                       "codemirror_mode": {"name": "ipython", "version": 3}, "pygments_lexer": "ipython3"}
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["execution_count"] = 3   # run, with no output
    with jupyter_server("jupyter-server", tmp_path, tmp_path / "server.log", timeout=60) as (base, token):
        request("PUT", f"{base}/api/contents/nbs/00_core.ipynb", token, {"type": "notebook", "format": "json", "content": nb})
        saved_text = (tmp_path / "nbs" / "00_core.ipynb").read_text()
        saved = json.loads(saved_text)
        assert saved["metadata"] == json.loads(committed)["metadata"], saved["metadata"]
        assert saved["cells"] == json.loads(committed)["cells"]   # execution counts gone
        assert saved_text == committed   # byte for byte: git sees no change
