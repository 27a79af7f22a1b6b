"""Authoring aid: round-trip a notebook through a py:percent text file (jupytext), keeping the kernel
that the notebooks name and leaving the notebook clean.

    python tools/nb.py to-py nbs/01_layers.ipynb /tmp/01_layers.py    # edit the text file, then
    python tools/nb.py from-py /tmp/01_layers.py nbs/01_layers.ipynb
    python tools/nb.py fold nbs/*.ipynb       # fold every long test cell (see FOLD_RULE)
The notebook stays the source of truth: never commit the text file.

Lessons come first: a long cell of tests (FOLD_RULE) carries the directive `#| code-fold: true`, and its
source is collapsed in JupyterLab (cell metadata jupyter.source_hidden, kept by nbdev_clean through
settings.ini's allowed_cell_metadata_keys); `tools/docs.py` folds it on the site. `tools/check_sync.py`
fails when a long test cell is not folded."""
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import jupytext

KERNELSPEC = {"name": "animegan_keras", "display_name": "animegan_keras", "language": "python"}


FOLD = "#| code-fold: true"
FOLD_RULE = "a code cell that is not exported, over 25 lines, with at least 3 test lines making up at least 30% of its non-blank lines"
TEST_LINE = re.compile(r"\btest_\w+\(|\bassert\b|\bsame\(")


def directives(source: str) -> list[str]:
    "The cell's leading `#|` lines."
    out = []
    for line in source.splitlines():
        if not line.startswith("#|"): break
        out.append(line.strip())
    return out


def long_test_cell(source: str) -> bool:
    "Whether a code cell's source is a long cell of tests (FOLD_RULE), which should be folded."
    if any(d.replace(" ", "") in ("#|export", "#|exports") for d in directives(source)): return False
    lines = [line for line in source.splitlines() if line.strip()]
    tests = sum(bool(TEST_LINE.search(line)) for line in lines)
    return len(source.splitlines()) > 25 and tests >= 3 and tests >= 0.3 * len(lines)


def folded(source: str) -> bool:
    return FOLD in directives(source)


def sync_fold_metadata(cell) -> None:
    "A folded cell's source is collapsed in JupyterLab; any other cell's is not."
    meta = cell.setdefault("metadata", {})
    if cell.get("cell_type") == "code" and folded("".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]):
        meta["jupyter"] = {"source_hidden": True}
    else:
        meta.pop("jupyter", None)


def fold(nb_path) -> int:
    "Fold every long test cell of one notebook (directive and metadata); returns how many cells it changed."
    nb, changed = json.loads(Path(nb_path).read_text()), 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code": continue
        source = "".join(cell["source"])
        before = json.dumps(cell)
        if long_test_cell(source) and not folded(source):
            source = FOLD + "\n" + source
            cell["source"] = source.splitlines(keepends=True)
        sync_fold_metadata(cell)
        changed += json.dumps(cell) != before
    if changed: Path(nb_path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    return changed


def unfolded(nb_path) -> list[str]:
    "Problems of one notebook: long test cells without the fold, folded cells whose source JupyterLab would show."
    problems = []
    for i, cell in enumerate(json.loads(Path(nb_path).read_text())["cells"]):
        if cell["cell_type"] != "code": continue
        source = "".join(cell["source"])
        first = source.splitlines()[0][:60] if source else ""
        if long_test_cell(source) and not folded(source):
            problems.append(f"{nb_path}: cell {i} ({first!r}) is a long cell of tests ({FOLD_RULE}); give it the directive {FOLD!r} (python tools/nb.py fold {nb_path})")
        elif folded(source) != bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")):
            problems.append(f"{nb_path}: cell {i} ({first!r}): its fold directive and its collapsed state in JupyterLab disagree (python tools/nb.py fold {nb_path})")
    return problems


def to_py(nb_path, py_path):
    jupytext.write(jupytext.read(nb_path), py_path, fmt="py:percent")


def from_py(py_path, nb_path):
    nb = jupytext.read(py_path, fmt="py:percent")
    nb.metadata = {"kernelspec": KERNELSPEC}
    # ids from the cell's content, so an unchanged cell keeps its id (and its marker in the exported .py)
    seen = set()
    for cell in nb.cells:
        digest = hashlib.sha1(cell.source.encode()).hexdigest()
        cell.id = next(digest[i:i + 8] for i in range(0, 32) if digest[i:i + 8] not in seen)
        seen.add(cell.id)
    for cell in nb.cells: sync_fold_metadata(cell)
    jupytext.write(nb, nb_path, fmt="ipynb")
    subprocess.run([str(Path(sys.executable).parent / "nbdev_clean"), "--fname", str(nb_path)], check=True)


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    if command == "fold":
        for path in paths: print(f"{path}: {fold(path)} cell(s) changed")
        for path in paths: subprocess.run([str(Path(sys.executable).parent / "nbdev_clean"), "--fname", path], check=True)
    else:
        {"to-py": to_py, "from-py": from_py}[command](*paths)
