"""The course as a student meets it, in a real browser: JupyterLab from .venv on 127.0.0.1, driven by headless
Chromium (Debian's `chromium` and `chromium-driver`; `make browser-deps` installs them) through Selenium.

`10_edit` is run up to the cell that shows the slider editor; moving a slider must change the preview, and
neither the notebook's outputs nor the browser's console may show an error. Screenshots of each stage are kept
in `runs/browser/` (or `$ANIMEGAN_BROWSER_ARTEFACTS`). The notebooks are run from a copy: the clone stays as
committed. Where Chromium cannot be had (no root, no apt-get, no registry) the test is skipped and says why, as the
tests that need `../shared/data` do."""
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from local_jupyter import BIN, jupyter_server   # tests/local_jupyter.py: one way to run a server in a test

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from chromium import CHROMEDRIVER, CHROMIUM, chromium_driver  # noqa: E402  (tools/chromium.py: one home for the browser settings)
ARTEFACTS = Path(os.environ.get("ANIMEGAN_BROWSER_ARTEFACTS", ROOT / "runs" / "browser"))
NOTEBOOK, EDITOR_CELL = "10_edit.ipynb", "display(slider_editor("
# JupyterLab settings of the student's first visit that the test must not depend on: cells outside the
# viewport are not rendered by default (the editor cell must be findable), and the news pop-up asks to go online
LAB_SETTINGS = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
                "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                                    "checkForUpdates": False}}


def missing() -> str | None:
    "Why the browser test cannot run here, or None."
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()): return f"{CHROMIUM} or {CHROMEDRIVER} is missing (`make browser-deps`)"
    try: import selenium  # noqa: F401
    except ImportError: return "selenium is not installed (`make install`)"
    if not (BIN / "jupyter-lab").exists(): return "jupyterlab is not installed (`make install`)"
    return None


@pytest.fixture
def lab(tmp_path):
    "JupyterLab serving a copy of the notebooks; yields its base URL (with the token)."
    work = tmp_path / "clone"
    work.mkdir()
    shutil.copy(ROOT / "settings.ini", work / "settings.ini")   # project_root() finds the copy
    shutil.copytree(ROOT / "nbs", work / "nbs")
    settings = tmp_path / "lab-settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    shared = ROOT.parent / "shared" / "data"
    if shared.is_dir(): env.setdefault("ANIMEGAN_SHARED_DATA", str(shared))   # the copy has no ../shared beside it
    with jupyter_server("jupyter-lab", work, tmp_path / "lab.log", env=env, token="animegan-browser-test") as server:
        yield server


@pytest.fixture
def browser():
    driver = chromium_driver()
    try: yield driver
    finally: driver.quit()


def wait_for(what: str, condition, timeout: float, driver, shot: str):
    "condition() until it returns something truthy; on timeout a screenshot and an error naming `what`."
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value: return value
        time.sleep(0.5)
    driver.save_screenshot(str(ARTEFACTS / shot))
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} (screenshot: {ARTEFACTS / shot})")


def run_menu(driver, command: str):
    "Run → the item whose JupyterLab command is `command`, clicked as a student clicks it."
    from selenium.webdriver.common.by import By
    next(e for e in driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item") if e.text == "Run").click()
    wait_for(f"the Run menu's {command}", lambda: driver.find_elements(By.CSS_SELECTOR, f'.lm-Menu-item[data-command="{command}"]'),
             10, driver, "menu.png")[0].click()


def error_outputs(driver) -> list[str]:
    "The text of every error output (a traceback) in the notebook."
    from selenium.webdriver.common.by import By
    return [e.text[:500] for e in driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output.jp-RenderedText")
            if e.get_attribute("data-mime-type") == "application/vnd.jupyter.error"]


# the pixels an <img> shows, as the browser decoded them: the sum and a position-weighted sum of its RGBA bytes
PIXELS = """const img = arguments[0]; if (!img.complete || !img.naturalWidth) return null;
const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
const g = c.getContext('2d'); g.drawImage(img, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data;
let s = 0, w = 0; for (let i = 0; i < d.length; i++) { s += d[i]; w = (w + d[i] * (i % 9973)) % 1000000007; }
return [c.width, c.height, s, w];"""


def console_errors(driver) -> list[str]:
    return [entry["message"][:500] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.skipif(bool(missing()), reason=str(missing()))
def test_slider_editor_in_jupyterlab(lab, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    base, token = lab
    browser.get(f"{base}/lab/tree/nbs/{NOTEBOOK}?token={token}")
    cells = lambda: browser.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel .jp-Notebook .jp-Cell")  # noqa: E731
    wait_for("the notebook's cells", lambda: len(cells()) > 10, 90, browser, "open.png")
    wait_for("the kernel", lambda: "Idle" in browser.find_element(By.CSS_SELECTOR, ".jp-StatusBar-Widget, #jp-main-statusbar").text,
             120, browser, "kernel.png")
    target = next((c for c in cells() if EDITOR_CELL in c.text), None)
    assert target is not None, f"no cell of {NOTEBOOK} contains {EDITOR_CELL!r}"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    target.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").click()   # select it (command mode)
    started = time.monotonic()
    run_menu(browser, "notebook:run-all-above")
    target.find_element(By.CSS_SELECTOR, ".jp-InputPrompt").click()
    target.send_keys(Keys.SHIFT, Keys.ENTER)
    slider = lambda name: next((s for s in target.find_elements(By.CSS_SELECTOR, ".widget-slider")  # noqa: E731
                                if s.find_element(By.CSS_SELECTOR, "label").text == name), None)
    wait_for("the slider editor", lambda: slider("blonde_hair") or error_outputs(browser), 600, browser, "run.png")
    assert not error_outputs(browser), f"a cell of {NOTEBOOK} failed: {error_outputs(browser)}"
    ran = time.monotonic() - started
    preview = target.find_element(By.CSS_SELECTOR, ".widget-image")
    before = wait_for("the first preview", lambda: browser.execute_script(PIXELS, preview), 60, browser, "preview.png")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", preview)
    browser.save_screenshot(str(ARTEFACTS / "10_edit_before.png"))
    readout = slider("blonde_hair").find_element(By.CSS_SELECTOR, ".widget-readout")
    readout.click()
    readout.send_keys(Keys.CONTROL, "a")
    readout.send_keys("1", Keys.ENTER)   # the student types 1 into the slider's read-out
    moved = time.monotonic()
    wait_for("the preview to change after moving blonde_hair", lambda: browser.execute_script(PIXELS, preview) not in (None, before), 60, browser, "moved.png")
    latency = time.monotonic() - moved
    browser.save_screenshot(str(ARTEFACTS / "10_edit_blonde.png"))
    assert "+blonde_hair" in target.text, "the editor's message does not name the change"   # the slider's own label has no +
    errors = console_errors(browser)
    assert not errors, f"the browser console shows errors: {errors}"
    print(f"{NOTEBOOK}: ran to the editor in {ran:.0f} s; the preview changed {latency:.1f} s after the slider moved")
