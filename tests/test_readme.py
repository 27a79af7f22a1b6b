"""The README's measured sections are what the result files say (tools/render_readme.py)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_sections_match_the_result_files():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "render_readme.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_check_fails_when_a_figure_is_typed(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import render_readme
    finally:
        sys.path.pop(0)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tampered = text.replace("<!-- results:localize -->\n", "<!-- results:localize -->\nLeak cut by 99%!\n", 1)
    assert tampered != text and render_readme.render(tampered) == render_readme.render(text) != tampered
