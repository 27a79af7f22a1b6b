"""`tools/docs.py` executes each notebook as `nbdev_test` does before documenting it. nbdev keeps its rule for which
cells to run inside `nbdev.test.test_nb`, so the site's builder writes the same rule again; this test runs one
notebook both ways and fails when the two rules disagree on any cell."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))


def _notebook(folder: Path, log: Path) -> Path:
    mark = lambda name: f"open({str(log)!r}, 'a').write({name!r} + '\\n')"
    sources = [f"{mark('plain')}", f"#| slow\n{mark('slow')}", f"#| eval: false\n{mark('eval_false')}",
               f"#| hide\n{mark('hidden')}", f"#| export\nx = 1\n{mark('exported')}",
               f"# a cell that mentions nbdev_export() is never run\n{mark('mentions_export')}", f"#| eval: true\n{mark('eval_true')}"]
    cells = [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": s}
             for i, s in enumerate(sources)]
    cells.insert(3, {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "text"})
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "python3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path = folder / "rule.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_docs_runs_the_cells_nbdev_test_runs(tmp_path, monkeypatch):
    nbdev_test = pytest.importorskip("nbdev.test")
    import docs
    monkeypatch.chdir(ROOT)   # nbdev reads settings.ini (tst_flags) from here
    runs = {}
    for who in ("nbdev_test", "docs"):
        log = tmp_path / f"{who}.log"
        (tmp_path / who).mkdir()
        src = _notebook(tmp_path / who, log)
        if who == "nbdev_test":
            ok, _ = nbdev_test.test_nb(src, skip_flags=sorted(docs.skip_flags()), showerr=True)
            assert ok
        else:
            docs.execute(src, tmp_path / who / "executed.ipynb")
        runs[who] = log.read_text().split() if log.exists() else []
    assert "slow" in docs.skip_flags()
    assert runs["nbdev_test"] == ["plain", "hidden", "exported", "eval_true"], runs
    assert runs["docs"] == runs["nbdev_test"], runs
