"""Fail when the notebooks hold outputs/metadata that nbdev_clean would remove, or when the library
differs from what nbdev_export makes of the notebooks. Compares file contents, so no git is needed."""
import hashlib
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
bin_dir = Path(sys.executable).parent


def snapshot(folder, pattern):
    return {p.relative_to(root): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / folder).rglob(pattern))}


def changed_by(command, folder, pattern):
    before = snapshot(folder, pattern)
    subprocess.run([str(bin_dir / command)], cwd=root, check=True)
    after = snapshot(folder, pattern)
    return sorted(str(p) for p in before.keys() | after.keys() if before.get(p) != after.get(p))


problems = []
dirty = changed_by("nbdev_clean", "nbs", "*.ipynb")
if dirty:
    problems.append("nbdev_clean changed these notebooks (outputs or metadata were committed): " + ", ".join(dirty))
import json
with_outputs = [str(p.relative_to(root)) for p in sorted((root / "nbs").rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts
                and any(c.get("outputs") for c in json.loads(p.read_text())["cells"])]   # nbdev_clean keeps outputs
if with_outputs:
    problems.append("these notebooks hold cell outputs (the committed notebooks carry none: pictures of real "
                    "illustrations must never be committed; clear them in JupyterLab or with `jupyter nbconvert "
                    "--clear-output --inplace`): " + ", ".join(with_outputs))
sys.path.insert(0, str(root / "tools"))
from nb import unfolded   # lessons first: every long cell of tests is folded (tools/nb.py, FOLD_RULE)
problems += [p for path in sorted((root / "nbs").glob("*.ipynb")) for p in unfolded(path.relative_to(root))]
stale = changed_by("nbdev_export", "animegan_keras", "*.py")
if stale:
    problems.append("nbdev_export changed the library (edit the notebooks, not animegan_keras/*.py): " + ", ".join(stale))
for problem in problems:
    print("check_sync:", problem, file=sys.stderr)
if problems:
    print("check_sync: the files above were rewritten; review and commit them.", file=sys.stderr)
    sys.exit(1)
print("check_sync: notebooks clean, long test cells folded, library in sync with the notebooks")
