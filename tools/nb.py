"""Authoring aid: round-trip a notebook through a py:percent text file (jupytext), keeping the kernel
that the notebooks name and leaving the notebook clean.

    python tools/nb.py to-py nbs/01_layers.ipynb /tmp/01_layers.py    # edit the text file, then
    python tools/nb.py from-py /tmp/01_layers.py nbs/01_layers.ipynb
The notebook stays the source of truth: never commit the text file."""
import hashlib
import subprocess
import sys
from pathlib import Path

import jupytext

KERNELSPEC = {"name": "animegan_keras", "display_name": "animegan_keras", "language": "python"}


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
    jupytext.write(nb, nb_path, fmt="ipynb")
    subprocess.run([str(Path(sys.executable).parent / "nbdev_clean"), "--fname", str(nb_path)], check=True)


if __name__ == "__main__":
    command, src, dst = sys.argv[1:4]
    {"to-py": to_py, "from-py": from_py}[command](src, dst)
