"""Measures the editor's localisation and writes the numbers (never pictures) to nbs/results/localize.json.

    python tools/localize_measure.py                       # 100 validation faces, 100 test faces, 100 portraits
    python tools/localize_measure.py --val 20 --test 20 --portraits 10 --out /tmp/localize.json   # a quick look

1. Validation (synthetic identity seeds 30,000 + i): the shipped default model's change is computed once per face, edit
   and backdrop; every candidate setting (a grid of magnitude and colour thresholds) is applied to it. A candidate is
   eligible when its mean in-region change (strength) stays at or above the lower end of the unlocalised edit's
   bootstrap 95% interval for both edits (hair, eyes) and both backdrops (plain, on a background); the eligible one
   with the least mean leak on backgrounds is chosen (`edit.choose_localize`). The best magnitude-only candidate is
   kept as well, for comparison.
2. Test (identity seeds 40,000 + i): none, the best magnitude candidate and the chosen one, every edit through
   `Editor.edit`.
3. Real portraits (../shared/data/illustrations, faces found with ../shared/data/lbpcascade_animeface.xml; skipped
   when absent): share of pixels moved by more than 20 grey levels by `blonde_hair=1` and `red_eyes=1`, whole picture
   and inside the face windows, each edit through `Editor.edit_illustration`.
"""
import argparse
import itertools
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from animegan_keras.core import project_root, shared_data_dir
from animegan_keras.edit import MOVED_LEVELS, Editor, choose_localize, shipped_model_path, measure_portraits, measure_synthetic, summarize

VALIDATION_SEED, TEST_SEED = 30_000, 40_000
PORTRAIT_EDITS = {"blonde_hair=1": {"blonde_hair": 1.0}, "red_eyes=1": {"red_eyes": 1.0}}


def candidates() -> dict:
    "The validation grid: name -> (mode, settings)."
    out = {"none": ("none", {})}
    for low, high in ((0.2, 0.4), (0.3, 0.5), (0.4, 0.6)):
        out[f"magnitude {low}-{high}"] = ("magnitude", {"low": low, "high": high})
    for (low, high), (seed_low, seed_high), spread, (keep_low, keep_high), close in itertools.product(
            ((0.2, 0.4), (0.3, 0.5)), ((0.2, 0.4), (0.3, 0.5)), (0.2, 0.25), ((0.2, 0.6), (0.3, 0.7), (0.4, 0.8)), (1, 2)):
        settings = {"low": low, "high": high, "seed_low": seed_low, "seed_high": seed_high, "spread": spread,
                    "keep_low": keep_low, "keep_high": keep_high, "close": close}
        out["color " + " ".join(f"{k}={v}" for k, v in settings.items())] = ("color", settings)
    return out


def compact_json(value) -> str:
    "JSON with floats to 4 decimals and every list of numbers on one line."
    def rounded(v):
        if isinstance(v, float): return round(v, 4)
        if isinstance(v, dict): return {k: rounded(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)): return [rounded(x) for x in v]
        return v
    text = json.dumps(rounded(value), indent=1)
    return re.sub(r"\[\s+([^\[\]{}\"]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)


def git_commit():
    "`git describe` of the checkout (\"-dirty\": uncommitted changes were present), or None outside git."
    try: return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True, cwd=project_root()).stdout.strip()
    except OSError: return None


def measure_real_portraits(model, cascade, illustrations, count, candidates):
    "Share of pixels moved by the portrait edits of `model` on the first `count` real portraits, per candidate setting."
    files = sorted(illustrations.glob("*.png"))[:count]
    print(f"portraits: {len(files)}, model {model}", flush=True)
    records, no_face = measure_portraits(Editor(model, cascade_path=cascade), files, PORTRAIT_EDITS, candidates)
    return {"folder": "../shared/data/illustrations", "pictures": len(files), "no_face": no_face, "threshold": MOVED_LEVELS,
            "summary": summarize(records, ("candidate", "edit"), ("changed", "changed_in_window", "untouched"))}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--val", type=int, default=100, help="validation faces")
    parser.add_argument("--test", type=int, default=100, help="test faces")
    parser.add_argument("--portraits", type=int, default=100, help="real portraits (0: none)")
    parser.add_argument("--size", type=int, default=128, help="synthetic face side in pixels")
    parser.add_argument("--out", default=str(project_root() / "nbs" / "results" / "localize.json"))
    parser.add_argument("--portraits-model", default=None,
                        help="only measure the real portraits with this shipped model (e.g. real) with the settings already "
                             "chosen in --out, and add them to that file under portraits_by_model")
    args = parser.parse_args(argv)
    command = "python tools/localize_measure.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    if args.portraits_model is not None: return add_portraits(args, command)
    t0 = time.perf_counter()
    editor = Editor("synth")
    result = {"command": command, "model": shipped_model_path("synth").name + " (the shipped model trained on synthetic faces)",
              "measures": "synthetic: leak / strength = mean |change| in grey levels (channels averaged) outside / inside the attribute's "
                          "true region; portraits: share of pixels moved by more than `threshold` grey levels in any channel; "
                          "every figure as [mean, low, high, n] with a bootstrap 95% interval over faces or pictures"}
    commit = git_commit()
    if commit is not None: result["commit"] = commit

    grid = candidates()
    val_seeds = list(range(VALIDATION_SEED, VALIDATION_SEED + args.val))
    print(f"validation: {args.val} faces x {len(grid)} candidates", flush=True)
    val_summary = summarize(measure_synthetic(editor, val_seeds, grid, args.size), ("candidate", "edit", "backdrop"), ("leak", "strength"))
    chosen, eligible = choose_localize(val_summary)
    magnitudes = {n: s for n, s in val_summary.items() if grid[n][0] == "magnitude"}
    best_magnitude, _ = choose_localize({"none": val_summary["none"], **magnitudes})
    if best_magnitude == "none": best_magnitude = min(magnitudes, key=lambda n: sum(magnitudes[n][e]["background"]["leak"][0] for e in magnitudes[n]))
    print(f"chosen: {chosen}; best magnitude-only: {best_magnitude}; {len(eligible)} eligible", flush=True)
    shown = {"none": "none", "magnitude": best_magnitude, grid[chosen][0]: chosen}
    result["selection"] = {"rule": "eligible: validation strength >= lower end of the unlocalised edit's bootstrap 95% interval, "
                                   "for both edits and both backdrops; chosen: the eligible candidate with the least mean leak on backgrounds",
                           "candidates": grid, "eligible": eligible, "chosen": chosen, "best_magnitude": best_magnitude,
                           "all": val_summary}
    result["synthetic"] = {"validation": {"seeds": [val_seeds[0], val_seeds[-1]],
                                          "summary": {label: val_summary[name] for label, name in shown.items()}}}

    test_seeds = list(range(TEST_SEED, TEST_SEED + args.test))
    print(f"test: {args.test} faces", flush=True)
    test_records = measure_synthetic(editor, test_seeds, {label: grid[name] for label, name in shown.items()}, args.size, through_editor=True)
    result["synthetic"]["test"] = {"seeds": [test_seeds[0], test_seeds[-1]],
                                   "summary": summarize(test_records, ("candidate", "edit", "backdrop"), ("leak", "strength"))}

    cascade, illustrations = shared_data_dir("lbpcascade_animeface.xml"), shared_data_dir("illustrations")
    if args.portraits and cascade is not None and illustrations is not None:
        result["portraits"] = measure_real_portraits("synth", cascade, illustrations, args.portraits, {label: grid[name] for label, name in shown.items()})
    else: print("portraits skipped: no ../shared/data (or --portraits 0)")
    result["seconds"] = round(time.perf_counter() - t0, 1)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(compact_json(result) + "\n")
    print(f"wrote {out} in {result['seconds']:.0f} s")


def add_portraits(args, command):
    "Measure the real portraits with another shipped model, with the candidates the file already holds (chosen on synthetic validation faces)."
    out = Path(args.out)
    result = json.loads(out.read_text())
    cascade, illustrations = shared_data_dir("lbpcascade_animeface.xml"), shared_data_dir("illustrations")
    if cascade is None or illustrations is None: raise SystemExit("no ../shared/data/illustrations here: nothing to measure")
    grid, selection = result["selection"]["candidates"], result["selection"]
    shown = {"none": "none", "magnitude": selection["best_magnitude"], grid[selection["chosen"]][0]: selection["chosen"]}
    t0 = time.perf_counter()
    measured = measure_real_portraits(args.portraits_model, cascade, illustrations, args.portraits,
                                      {label: grid[name] for label, name in shown.items()})
    result.setdefault("portraits_by_model", {})[args.portraits_model] = {
        "command": command, "commit": git_commit(), "model": shipped_model_path(args.portraits_model).name, **measured,
        "seconds": round(time.perf_counter() - t0, 1)}
    out.write_text(compact_json(result) + "\n")
    print(f"added portraits measured with {args.portraits_model} to {out}")


if __name__ == "__main__":
    main()
