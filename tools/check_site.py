"""`make docs-check`: open every page of the site `tools/docs.py` built in headless Chromium and check it as a
reader would see it: the page loads, every image shows (decoded, non-zero size), MathJax typeset the equations
without an error, every local link resolves, every folded test cell opens with its toggle, and the console shows no error. A screenshot of each page's first
screen goes to `runs/site/`, the findings to `runs/site/check.json`; exits 1 when any page has a problem.

    python tools/check_site.py            # _docs/
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
from chromium import CHROMEDRIVER, CHROMIUM, chromium_driver  # noqa: E402  (tools/chromium.py, beside this file)

IMAGES = """return Array.from(document.images).map(i => [i.getAttribute('src').slice(0, 80), i.complete && i.naturalWidth > 0]);"""
LINKS = """return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'));"""
# MathJax 2: done when its queue has run; errors are typeset as .merror elements
MATH = """if (!window.MathJax || !MathJax.Hub) return document.querySelectorAll('.MathJax_Preview, script[type^="math/tex"]').length ? null : [0, 0];
if (MathJax.Hub.queue.pending || MathJax.Hub.queue.running) return null;
return [document.querySelectorAll('.MathJax, .mjx-chtml, mjx-container').length, document.querySelectorAll('.merror, .mjx-merror').length];"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass


FOLDS = """return [...document.querySelectorAll('.celltag_folded')].map(cell => {
  const code = cell.querySelector('.jp-Cell-inputWrapper'), toggle = cell.querySelector('.fold-toggle');
  if (!code || !toggle) return 'no code or no toggle';
  if (code.offsetParent !== null) return 'code shows before the toggle is clicked';
  toggle.click(); const shown = code.offsetParent !== null; toggle.click();
  return shown ? '' : 'code does not show after the toggle is clicked';
});"""


def check_page(driver, base: str, page: str, shots: Path) -> dict:
    problems = []
    driver.get(f"{base}/{page}")
    deadline = time.monotonic() + 60
    while driver.execute_script("return document.readyState") != "complete" and time.monotonic() < deadline: time.sleep(0.2)
    math = None
    while time.monotonic() < deadline:
        math = driver.execute_script(MATH)
        if math is not None: break
        time.sleep(0.3)
    if math is None: problems.append("MathJax did not finish typesetting within 60 s")
    elif math[1]: problems.append(f"{math[1]} equations failed to typeset")
    images = driver.execute_script(IMAGES)
    problems += [f"image does not show: {src}" for src, ok in images if not ok]
    links = [h for h in driver.execute_script(LINKS) if not urlparse(h).scheme and not h.startswith("#")]
    for href in sorted(set(links)):
        url = urljoin(f"{base}/{page}", href.split("#")[0])
        try: urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10).close()
        except urllib.error.URLError as e: problems.append(f"broken link: {href} ({e})")
    # folded test cells: hidden until their toggle is clicked, shown after (checked on every folded cell of the page)
    folds = driver.execute_script(FOLDS)
    problems += [f"folded cell {i}: {what}" for i, what in enumerate(folds) if what]
    external = sorted({h for h in driver.execute_script(LINKS) if urlparse(h).scheme in ("http", "https")})
    errors = [e["message"][:300] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    problems += [f"console error: {e}" for e in errors]
    driver.save_screenshot(str(shots / f"{Path(page).stem}.png"))
    return {"page": page, "images": len(images), "equations": math[0] if math else None, "local_links": len(set(links)), "folded": len(folds),
            "external_links": external, "problems": problems}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_docs")
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "site")
    args = parser.parse_args(argv)
    pages = sorted(p.name for p in args.site.glob("*.html"))
    if not pages: parser.error(f"no pages in {args.site}: run `make docs` (python tools/docs.py) first")
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()): parser.error(f"{CHROMIUM} or {CHROMEDRIVER} is missing: `make browser-deps`")
    args.out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    driver = chromium_driver()
    try: results = [check_page(driver, base, page, args.out) for page in pages]
    finally:
        driver.quit()
        server.shutdown()
    for r in results:
        print(f"{r['page']}: {r['images']} images, {r['equations']} equations, {r['local_links']} local links, {r['folded']} folded cells"
              + "".join(f"\n  - {p}" for p in r["problems"]))
    (args.out / "check.json").write_text(json.dumps({"command": "python tools/check_site.py", "pages": results}, indent=1))
    bad = [r["page"] for r in results if r["problems"]]
    print(f"check_site: {len(pages) - len(bad)} of {len(pages)} pages without problems; screenshots in {args.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
