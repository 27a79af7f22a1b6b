"""Packaging: what `pip install animegan_keras` gets must be what the notebooks export."""
import configparser
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def exported_modules():
    "Module names that the notebooks declare with `#| default_exp`."
    names = set()
    for nb in sorted((ROOT / "nbs").glob("[0-9]*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            match = re.search(r"^#\|\s*default_exp\s+(\S+)", "".join(cell["source"]), re.M)
            if match: names.add(match.group(1))
    return names


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    str(ROOT), "-w", str(out)], check=True)
    (path,) = out.glob("animegan_keras-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_holds_every_exported_module(wheel):
    names = set(wheel.namelist())
    modules = exported_modules()
    assert {"core", "cli"} <= modules
    missing = [m for m in modules if f"animegan_keras/{m}.py" not in names]
    assert not missing, f"modules exported by notebooks but absent from the wheel: {missing}"
    # the shipped models (`Editor("real")`, the default, and `Editor("synth")`), each with its sidecars and model card
    from animegan_keras.edit import DEFAULT_MODEL
    for name in sorted({DEFAULT_MODEL, "synth"}):
        for suffix in (".keras", ".settings.yml", ".schema.json", ".classifier.keras", ".card.md"):
            assert f"animegan_keras/assets/animegan_{name}{suffix}" in names, (name, suffix)
    # a model's reader (edit.export_reader) travels with it: the editor would read faces otherwise without a word
    # and so does the localisation chosen for it (edit.write_localize_choice): without it the editor would localise otherwise
    for side in sorted([*(ROOT / "animegan_keras" / "assets").glob("*.reader.keras"), *(ROOT / "animegan_keras" / "assets").glob("*.localize.json")]):
        assert f"animegan_keras/assets/{side.name}" in names, side.name
    shipped = sum(i.file_size for i in wheel.infolist() if i.filename.startswith("animegan_keras/assets/"))
    assert shipped < 50e6, f"the shipped models weigh {shipped / 1e6:.1f} MB: keep the wheel light"
    # the face cascade (MIT, © nagadomi): detection works offline, nothing is downloaded at run time
    assert "animegan_keras/assets/lbpcascade_animeface.xml" in names


def test_wheel_metadata(wheel):
    meta = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    text = wheel.read(meta).decode()
    cfg = configparser.ConfigParser(delimiters=["="]); cfg.read(ROOT / "settings.ini")
    assert f"Version: {cfg['DEFAULT']['version']}" in text
    assert "Classifier: Development Status :: 3 - Alpha" in text
    # TensorFlow comes from an extra so that CPU and GPU builds never land in one environment together
    assert "Provides-Extra: cpu" in text and "Provides-Extra: gpu" in text
    assert re.search(r"Requires-Dist: tensorflow-cpu.*extra == \"cpu\"", text)
    assert not re.search(r"Requires-Dist: tensorflow[^;]*$", text, re.M), "tensorflow must not be unconditional"
    assert re.search(r"Requires-Dist: opencv-python-headless<5", text)
    entry = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "animegan = animegan_keras.cli:main" in wheel.read(entry).decode()


def test_console_script_version():
    result = subprocess.run([str(BIN / "animegan"), "--version"], capture_output=True, text=True)
    import animegan_keras
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"animegan_keras {animegan_keras.__version__}"


def test_console_script_fails_with_one_line():
    result = subprocess.run([str(BIN / "animegan"), "no-such-command"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_notebooks_name_the_registered_kernel():
    for nb in sorted((ROOT / "nbs").glob("*.ipynb")):
        spec = json.loads(nb.read_text())["metadata"].get("kernelspec", {})
        assert spec.get("name") == "animegan_keras", f"{nb.name} names kernel {spec.get('name')!r}"
