"""`make docs`: the course as a website, built offline into `_docs/`.

Quarto, nbdev's own renderer, cannot be installed offline (its package downloads a binary at build time), so the
site is made from what the package registry has:
1. every notebook is executed as `nbdev_test` executes it (cells flagged `slow` in settings.ini's `tst_flags`
   skipped), each in its own process, two at a time;
2. nbdev's documentation processors turn it into its documentation form: a `show_doc` table for every exported
   function and class (from its docments), `#| hide` cells and `#| export` markers dropped;
3. nbconvert writes it as HTML, links between notebooks point at the pages, images referenced by markdown are
   copied beside them, and MathJax is served from the site itself (Debian's libjs-mathjax), not from a CDN.

`_docs/build.json` records each notebook's fate (built, or the error that stopped it). One notebook that fails is
reported and the others are still built; the command exits 1 when any failed. `tools/check_site.py` then opens
every page in headless Chromium.

    python tools/docs.py                      # every notebook
    python tools/docs.py nbs/01_layers.ipynb  # some
"""
from __future__ import annotations

import argparse
import ast
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NBS, OUT = ROOT / "nbs", ROOT / "_docs"
# nbdev's documentation processors (nbdev.processors.FilterDefaults.base_procs), less those written for Quarto:
# FrontmatterProc (would move each page's title into Quarto front matter), insert_warning, add_links (links to the
# site's web address), add_fold, mv_exports, ai_magics
PROCS = ("populate_language", "add_show_docs", "strip_ansi", "hide_line", "filter_stream_", "rm_header_dash",
         "clean_show_doc", "exec_show_docs", "rm_export", "clean_magics", "hide_", "strip_hidden_metadata")
# MathJax 2 from Debian's libjs-mathjax (`make browser-deps`), copied into the site: it holds the configuration
# nbconvert asks for (CommonHTML output with its TeX web fonts); PyPI's jupyter-server-mathjax ships only the
# HTML-CSS output with STIX fonts, whose blank-font probe (about:blank) is an error in Chromium's console
MATHJAX_DIR, MATHJAX_CONFIG = Path("/usr/share/javascript/mathjax"), "TeX-AMS_CHTML-full"
WIDGETS_LOADER = re.compile(r"<script>\s*\(function\(\) \{\s*function addWidgetsRenderer\(\)[\s\S]*?</script>\n?")
EXTERNAL_SCRIPT = re.compile(r'<script[^>]*src="https?://[^"]*"[^>]*>\s*</script>\n?')
def nav(stem: str) -> str:
    "The bar above each page: the course's front page, and the previous and next notebooks in the course's order (by number)."
    course = sorted(p.stem for p in NBS.glob("*.ipynb") if p.stem != "index")
    k = course.index(stem) if stem in course else -1
    prev = f'<a href="{course[k - 1]}.html">← {course[k - 1]}</a>' if k > 0 else ""
    nxt = f'<a href="{course[k + 1]}.html">{course[k + 1]} →</a>' if 0 <= k < len(course) - 1 else \
          f'<a href="{course[0]}.html">{course[0]} →</a>' if stem == "index" and course else ""
    links = " · ".join(x for x in ('<a href="index.html">animegan_keras: the course</a>', prev, nxt) if x)
    return f'<nav style="padding:6px 16px;border-bottom:1px solid #ddd;font-family:sans-serif;font-size:14px">{links}</nav>'
# show_doc's [source](url){target="_blank" style="..."}: Quarto's link attributes, written as the HTML they mean
QUARTO_LINK = re.compile(r'\[([^\]]+)\]\(([^)]+)\)\{target="_blank" style="([^"]*)"\}')
# a real tag's local link (in code and outputs `<` is escaped, so HTML inside strings never matches)
LOCAL_LINK = re.compile(r'<(?:a|img)\s[^>]*?\b(href|src)="(?!https?:|data:|blob:|#|mailto:)([^"#?]+)')


# a cell with the directive `#| code-fold: true` (tools/nb.py folds long cells of tests) shows a toggle instead of its code
FOLD_HEAD = ('<style>.celltag_folded .jp-Cell-inputWrapper{display:none}.celltag_folded.unfolded .jp-Cell-inputWrapper{display:block}'
             '.fold-toggle{cursor:pointer;color:#555;font:13px sans-serif;margin:2px 0 2px 8px}</style>\n'
             '<script>document.addEventListener("DOMContentLoaded",()=>{for(const cell of document.querySelectorAll(".celltag_folded")){'
             'const t=document.createElement("div");t.className="fold-toggle";const say=()=>{const o=cell.classList.contains("unfolded");'
             't.textContent=(o?"\u25be":"\u25b8")+" tests ("+(o?"hide":"show")+")"};t.onclick=()=>{cell.classList.toggle("unfolded");say()};'
             'say();cell.prepend(t)}})</script>\n')


def fold_tests(cell):
    "nbdev processor: tag a folded cell so that the page folds it (the directive itself is removed with the others)."
    if cell.cell_type == "code" and {"code-fold", "code-fold:"} & (getattr(cell, "directives_", None) or {}).keys():
        cell.metadata.setdefault("tags", []).append("folded")


def _runs_alone(cell) -> bool:
    "An exported cell, a show_doc cell, or a cell of imports only: what the show_doc tables need, and nothing that needs the notebook's state."
    if (getattr(cell, "directives_", None) or {}).keys() & {"export", "exports", "exec_doc"} or getattr(cell, "has_sd", False): return True
    try: tree = ast.parse(cell.source)
    except SyntaxError: return False
    return bool(tree.body) and all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body)


def _show_docs_processor():
    from nbdev.processors import exec_show_docs

    class ShowDocs(exec_show_docs):
        "nbdev's exec_show_docs, less the cells that mix imports with other code (it runs those, and they fail without the state of the cells before them)."
        def __call__(self, cell):
            if cell.cell_type == "code" and _runs_alone(cell): super().__call__(cell)
    return ShowDocs


def skip_flags() -> set[str]:
    from nbdev.config import get_config
    return set(str(get_config().get("tst_flags", "")).split())


def execute(src: Path, dst: Path) -> None:
    "Run `src` as nbdev_test does and write it, with its outputs, to `dst`."
    from execnb.nbio import write_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.process import NBProcessor
    os.environ["IN_TEST"] = "1"
    flags = skip_flags()
    nb = NBProcessor(src, rm_directives=False).nb   # directives parsed and kept in the source for the doc processors

    def no_eval(cell) -> bool:
        if cell.cell_type != "code" or "nbdev_export(" in cell.source: return True
        directives = getattr(cell, "directives_", {}) or {}
        if directives.get("eval:", [""])[0].lower() == "false": return True
        return bool(flags & directives.keys())

    shell = CaptureShell(src)
    with working_directory(src.parent):
        try: shell.run_all(nb, exc_stop=True, preproc=no_eval)
        except Exception:
            sys.stderr.write(shell.prettytb(fname=src) + "\n")
            raise SystemExit(1)
    write_nb(nb, dst)


def document(executed: Path, page: Path) -> list[str]:
    "The executed notebook as an HTML page; returns the local files its markdown refers to."
    import nbformat
    from execnb.nbio import read_nb, write_nb
    from nbconvert import HTMLExporter
    from nbdev import processors
    from nbdev.process import NBProcessor
    ShowDocs = _show_docs_processor()
    nb = read_nb(executed)
    NBProcessor(executed, procs=[fold_tests, *(ShowDocs if p == "exec_show_docs" else getattr(processors, p) for p in PROCS)], nb=nb).process()
    for out in (o for c in nb.cells for o in c.get("outputs", ()) if "text/markdown" in o.get("data", {})):
        md = out["data"]["text/markdown"]
        md = "".join(md) if isinstance(md, list) else md
        out["data"]["text/markdown"] = QUARTO_LINK.sub(r'<a href="\2" target="_blank" style="\3">\1</a>', md)
    write_nb(nb, executed)
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True, mathjax_url=f"mathjax/MathJax.js?config={MATHJAX_CONFIG},Safe")
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    body = WIDGETS_LOADER.sub("", EXTERNAL_SCRIPT.sub("", body))   # require.js, the widget manager: for saved widget state, which pages have none
    body = body.replace("<head>", '<head>\n<link rel="icon" href="data:,">', 1)   # no request for /favicon.ico
    body = body.replace("</head>", FOLD_HEAD + "</head>", 1)
    title = next((line[2:].strip() for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
                  if line.startswith("# ")), page.stem)
    body = body.replace("<title>Notebook</title>", f"<title>{html.escape(title)} · animegan_keras</title>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m[1] + nav(Path(page).stem), body, count=1)
    body = re.sub(r'href="([0-9A-Za-z_]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m[1]}.html{m[2] or ""}"', body)
    page.write_text(body)
    return sorted({m[2] for m in LOCAL_LINK.finditer(body)} - {"mathjax/MathJax.js"})


def build_one(src: Path, work: Path) -> dict:
    "Execute and document one notebook in a child process: TensorFlow's state, stdout and widgets never cross notebooks."
    started = time.monotonic()
    executed, page = work / src.name, OUT / f"{src.stem}.html"
    run = subprocess.run([sys.executable, __file__, "--page", str(src), str(executed), str(page)], capture_output=True, text=True)
    if run.returncode != 0:
        return {"notebook": src.name, "status": "failed", "seconds": round(time.monotonic() - started, 1),
                "error": (run.stderr or run.stdout)[-3000:]}
    refs = json.loads(run.stdout.strip().splitlines()[-1])   # the child's last line: the local files the page refers to
    copied, missing = [], []
    for ref in refs:
        if ref.endswith(".html"): continue
        source = (src.parent / ref).resolve()
        if source.is_file() and source.is_relative_to(NBS):
            (OUT / ref).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, OUT / ref)
            copied.append(ref)
        else: missing.append(ref)
    return {"notebook": src.name, "status": "built", "page": page.name, "seconds": round(time.monotonic() - started, 1),
            "copied": copied, "unresolved": missing}


def main(argv=None) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")   # TensorFlow's C++ start-up chatter, as in the notebooks' kernel
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in nbs/")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--page", nargs=3, type=Path, metavar=("SRC", "EXECUTED", "PAGE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.page:   # the child: execute, then document, then say which local files the page refers to
        src, executed, page = args.page
        execute(src, executed)
        print(json.dumps(document(executed, page)))
        return 0
    notebooks = [p.resolve() for p in args.notebooks] or sorted(NBS.glob("*.ipynb"))
    for p in notebooks:
        if not (p.is_file() and p.suffix == ".ipynb"): parser.error(f"{p} is not a notebook (expected an .ipynb file)")
    OUT.mkdir(exist_ok=True)
    if not (MATHJAX_DIR / "config" / f"{MATHJAX_CONFIG}.js").is_file():
        parser.error(f"MathJax 2 is missing: expected {MATHJAX_DIR}/config/{MATHJAX_CONFIG}.js (`make browser-deps`, Debian's libjs-mathjax)")
    if not (OUT / "mathjax" / "MathJax.js").is_file():   # copied whole or not at all: an interrupted copy is never used
        partial = OUT / "mathjax.partial"
        shutil.rmtree(partial, ignore_errors=True); shutil.rmtree(OUT / "mathjax", ignore_errors=True)
        shutil.copytree(MATHJAX_DIR, partial, ignore=shutil.ignore_patterns("unpacked", "test"))
        os.replace(partial, OUT / "mathjax")
    work = OUT / "_executed"
    work.mkdir(exist_ok=True)
    with ThreadPoolExecutor(args.workers) as pool:
        records = list(pool.map(lambda p: build_one(p, work), notebooks))
    shutil.rmtree(work)
    for r in records:
        print(f"{r['notebook']}: {r['status']} in {r['seconds']} s"
              + (f"; unresolved links: {r['unresolved']}" if r.get("unresolved") else "")
              + (f"\n{r['error']}" if r["status"] == "failed" else ""))
    (OUT / "build.json").write_text(json.dumps({"command": "python tools/docs.py", "pages": records}, indent=1))
    failed = [r["notebook"] for r in records if r["status"] != "built"]
    if failed: print(f"docs: {len(failed)} of {len(records)} notebooks failed: {failed}", file=sys.stderr)
    else: print(f"docs: {len(records)} pages in {OUT} (open {OUT / 'index.html'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
