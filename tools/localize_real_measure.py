"""Chooses where a model's edits may land on real faces, on real validation faces, and writes the numbers (never
pictures) to nbs/results/localize_real.json and the choice beside the model (`animegan_<model>.localize.json`, read by
`Editor(localize="auto")`, the default).

    python tools/localize_real_measure.py                   # the shipped `real` model; judge reused from runs/edit_judge
    python tools/localize_real_measure.py --no-export       # measure only; the shipped choice stays

`LOCALIZE_DEFAULTS` were chosen on synthetic faces with the `synth` model (`tools/localize_measure.py`), where the true
regions are known. Real faces have no regions, so each candidate is scored by what a user wants from it: that the edit
still shows (a classifier trained apart from the model names the asked colour: a swap succeeds) and that it moves as
few pixels as possible (the share moved by more than `edit.MOVED_LEVELS` grey levels in the face crop).

Two kinds of real pictures, each split in two halves that never change:
- crops: the labelled faces of ../shared/data/anime-faces-labeled (`val` and `test` as `make real-data` splits them),
  edited as crops (`Editor.edit`, `animegan edit --crop`);
- pictures: the 100 portraits of ../shared/data/illustrations, split by a hash of the file name, edited whole
  (`Editor.edit_illustration`, the first face found), judged on the face's crop of the edited picture.
Per face and group, one swap to a colour drawn at random (seed 0) among those the face is not tagged with (crops) or not
read as (pictures). The judge is the one `tools/unsure_measure.py` uses (`05_evaluate`'s classifier on the labelled
training faces, seed 1337).

Rule (`edit.choose_localize_real`): a candidate is eligible when, on both validation halves and for every group, its
paired interval (candidate − no localisation, face by face) reaches 0 or above (not worse beyond the noise); the eligible
candidate that moves the fewest pixels (mean over halves and groups) is chosen. It is applied once for all groups (the
mask of attributes outside any group) and for each group alone (its own mask). The test halves report no localisation,
`LOCALIZE_DEFAULTS`' colour mode and each group's choice.
"""
import argparse
import itertools
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from animegan_keras.core import project_root, shared_data_dir

OUT = project_root() / "nbs" / "results" / "localize_real.json"
MAGNITUDE_THRESHOLDS = ((0.2, 0.4), (0.3, 0.5), (0.4, 0.6), (0.5, 0.7), (0.6, 0.8))


def candidates() -> dict:
    "The validation grid: name -> (mode, settings overriding LOCALIZE_DEFAULTS); no two alike."
    from animegan_keras.edit import LOCALIZE_DEFAULTS
    out = {"none": ("none", {}), "color": ("color", {})}
    for low, high in MAGNITUDE_THRESHOLDS: out[f"magnitude low={low} high={high}"] = ("magnitude", {"low": low, "high": high})
    for spread, (keep_low, keep_high) in itertools.product((0.2, 0.3), ((0.2, 0.6), (0.4, 0.8))):
        if (spread, keep_low, keep_high) == tuple(LOCALIZE_DEFAULTS[k] for k in ("spread", "keep_low", "keep_high")): continue   # that is "color"
        out[f"color spread={spread} keep_low={keep_low} keep_high={keep_high}"] = (
            "color", {"spread": spread, "keep_low": keep_low, "keep_high": keep_high})
    out["color low=0.1 high=0.3 keep_low=0.2 keep_high=0.6"] = ("color", {"low": 0.1, "high": 0.3, "keep_low": 0.2, "keep_high": 0.6})
    return out


def crop_cases(editor, faces, split, rng):
    "Labelled crops of `split`: per group, (crop, target member index) for faces tagged with exactly one member."
    from animegan_keras.data import read_image
    part = faces.subset(split)
    images = [read_image(f) for f in part.files]
    cases = {}
    for group, idx in editor.schema.group_indices().items():
        tags = part.labels[:, idx]
        rows = np.where(np.isfinite(tags).all(1) & (np.nan_to_num(tags).sum(1) == 1))[0]
        cases[group] = [(images[r], int(rng.choice([j for j in range(len(idx)) if tags[r, j] != 1]))) for r in rows]
    return cases, len(part)


def picture_cases(editor, files, rng):
    "Whole pictures: per group, ((picture, first face box, crop), target member index); a target the face was not read as."
    from animegan_keras.data import read_image
    from animegan_keras.edit import binarize_attributes, crop_face
    found, no_face = [], []
    for f in files:
        image = read_image(f)
        boxes = editor.find_faces(image)
        if not boxes: no_face.append(f.name); continue
        crop = crop_face(image, boxes[0], editor.img_size, editor.margin, editor.lift)
        found.append((image, boxes[0], crop))
    read = binarize_attributes(editor.estimate_attributes(np.stack([c for _, _, c in found])), editor.schema) if found else np.zeros((0, len(editor.schema)))
    cases = {group: [(case, int(rng.choice([j for j in range(len(idx)) if read[k, idx[j]] != 1]))) for k, case in enumerate(found)]
             for group, idx in editor.schema.group_indices().items()}
    return cases, no_face


def score(editor, judge, kind, cases, grid) -> dict:
    "Per group and candidate: per-face swap success (1/0) and share of the face crop's pixels moved."
    from animegan_keras.edit import crop_face, moved_pixels
    out = {}
    for group, idx in editor.schema.group_indices().items():
        out[group] = {}
        # what every candidate shares: the asked colours, the unedited crops and the judge's reading of them
        asked = [{editor.schema.names[idx[t]]: 1.0} for _, t in cases[group]]
        before = [c for c, _ in cases[group]] if kind == "crops" else [crop for (_, _, crop), _ in cases[group]]
        targets = np.array([t for _, t in cases[group]], int)
        unedited = judge(editor._model_input(before))[:, idx].argmax(1) if before else np.zeros(0, int)
        for name, (mode, settings) in grid.items():
            ed = editor.with_localize(mode, settings)
            if kind == "crops":
                after = [ed.edit(c, a) for c, a in zip(before, asked)]
            else:
                after = [crop_face(ed.edit_illustration(image, a, boxes=[box]), box, editor.img_size, editor.margin, editor.lift)
                         for ((image, box, _), _), a in zip(cases[group], asked)]
            verdict = judge(editor._model_input(after))[:, idx].argmax(1) if after else np.zeros(0, int)
            out[group][name] = {"success": (verdict == targets).astype(float),
                                "named_before": (unedited == targets).astype(float),   # doing nothing: the judge already names the target
                                "moved": np.array([moved_pixels(b, a).mean() for b, a in zip(before, after)])}
    return out


def summary(scores) -> dict:
    "Numbers for the file: per group and candidate, success and moved share (mean, bootstrap interval) and the paired gain over none."
    from animegan_keras.evaluate import bootstrap_ci
    from animegan_keras.real import paired_gain
    out = {}
    for group, by_name in scores.items():
        out[group] = {}
        for name, s in by_name.items():
            n = len(s["success"])
            out[group][name] = {"faces": n,
                                "success": [float(s["success"].mean()), *bootstrap_ci(s["success"])] if n else None,
                                "named_before": float(s["named_before"].mean()) if n else None,
                                "moved": [float(s["moved"].mean()), *bootstrap_ci(s["moved"])] if n else None,
                                "success - none": paired_gain(s["success"], by_name["none"]["success"]) if n else None}
    return out


def card_section(result) -> str:
    "The model card's section on where the editor lets this model's edits land."
    from animegan_keras.edit import localize_real_table
    from animegan_keras.real import signed_points
    def mask(name):
        mode, settings = result["candidates"][name]
        return f"a `{mode}` mask" + (f" ({', '.join(f'{k}={v}' for k, v in settings.items())}; the rest as in `LOCALIZE_DEFAULTS`)" if settings else "")
    by_group = result.get("chosen_by_group", {})
    groups = "; ".join(f"the {g} group's edits through {mask(n)}" for g, n in by_group.items())  # every group named
    outside = result.get("attributes_outside_groups", [])
    rest = (f", and the edits of {', '.join(outside)} through {mask(result['chosen'])}" if outside else "") if groups else f"every edit through {mask(result['chosen'])}"
    losses = [f"the {g} group on the test {kind} ({signed_points(result['test'][kind][g][n]['success - none'])})"
              for g, n in by_group.items() for kind in ("crops", "pictures") if result["test"][kind][g][n]["success - none"]["interval"][1] < 0]
    return "\n".join([
        "## Where edits land", "",
        f"The editor pastes {groups}{rest}, "
        f"as `Editor(localize=\"auto\")`, the default, reads from `animegan_{result['model'][len('animegan_'):-len('.keras')]}.localize.json`. "
        f"Each was chosen on real validation faces among {len(result['candidates'])} settings ({result['rule']}). On the test halves (swaps judged by a classifier trained apart "
        "from the model; a pixel moves when a channel changes by more than "
        f"{result['moved_levels']} grey levels; bootstrap 95% intervals):", "",
        localize_real_table(result), "",
        *([f"Beyond the noise, a mask loses swaps against no localisation for {'; '.join(losses)}, although validation had called it a "
           "tie: the rule takes the mask that moves least among those not worse beyond the noise, so it lands at the edge of that "
           "noise. The rule's per-group form came after a first measurement with one mask for all groups, whose test halves had "
           "been seen.", ""] if losses else []),
        f"Measured by `{result['command']}`."])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="real", help="a shipped model's name (default real)")
    parser.add_argument("--judge-dir", type=Path, default=project_root() / "runs" / "edit_judge", help="where the judge is saved and reused from")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the numbers go (default {OUT})")
    parser.add_argument("--no-export", action="store_true", help="measure only: do not write the choice beside the model")
    args = parser.parse_args(argv)
    folder, cascade, illustrations = (shared_data_dir(n) for n in ("anime-faces-labeled", "lbpcascade_animeface.xml", "illustrations"))
    missing = [n for n, p in (("anime-faces-labeled", folder), ("lbpcascade_animeface.xml", cascade), ("illustrations", illustrations)) if p is None]
    if missing: sys.exit(f"needs {', '.join(missing)} of the shared data (../shared/data, or the folder ANIMEGAN_SHARED_DATA names); not found")
    sys.path.insert(0, str(Path(__file__).parent))
    from unsure_measure import JUDGE  # one judge for the editor's measurements
    from animegan_keras.data import hash_split, load_dataset
    from animegan_keras.edit import MOVED_LEVELS, Editor, choose_localize_real, sidecar_paths, shipped_model_path, write_localize_choice
    from animegan_keras.real import saved_or_trained_judge
    t0 = time.perf_counter()
    editor = Editor(args.model, cascade_path=cascade)
    faces = load_dataset(folder, schema=editor.schema)
    judge = saved_or_trained_judge(faces, editor.img_size, editor.schema, args.judge_dir, JUDGE)
    pictures = sorted(illustrations.glob("*.png"))
    halves = {s: [f for f in pictures if hash_split(f.name, (0.0, 0.5, 0.5)) == s] for s in ("val", "test")}
    grid = candidates()
    result = {"command": "python tools/localize_real_measure.py" + ("" if not argv else " " + " ".join(argv)),
              "measured": datetime.now(timezone.utc).isoformat(timespec="minutes"), "model": shipped_model_path(args.model).name,
              "moved_levels": MOVED_LEVELS, "judge": {**JUDGE, "heldout_accuracy": judge.mean_accuracy},
              "attributes_outside_groups": [n for n in editor.attributes if editor.schema.group_of(n) is None],
              "sets": {"crops": "../shared/data/anime-faces-labeled, its val and test faces, edited as crops",
                       "pictures": "../shared/data/illustrations, halves by a hash of the file name, edited whole (first face found)"},
              "candidates": grid,
              "rule": "eligible when, on both validation halves and for every group, the paired interval (candidate − none) "
                      "reaches 0 or above; chosen: the eligible candidate moving the fewest pixels (mean over halves and groups); "
                      "once for all groups and once for each group alone"}
    for split in ("val", "test"):
        names = grid if split == "val" else {n: grid[n] for n in dict.fromkeys(["none", "color", result["chosen"], *result["chosen_by_group"].values()])}
        crops, n_crops = crop_cases(editor, faces, split, np.random.default_rng(0))
        pics, no_face = picture_cases(editor, halves[split], np.random.default_rng(0))
        result[split] = {"crops": summary(score(editor, judge, "crops", crops, names)),
                         "pictures": summary(score(editor, judge, "pictures", pics, names))}
        result[split + "_counts"] = {"crops": n_crops, "pictures": len(halves[split]), "pictures_without_face": no_face}
        if split == "val":
            result["chosen"], result["eligible"] = choose_localize_real(result["val"])
            result["chosen_by_group"] = {g: choose_localize_real(result["val"], g)[0] for g in result["val"]["crops"]}
            print(f"chosen on val: {result['chosen']} = {grid[result['chosen']]}; eligible: {result['eligible']}; "
                  f"by group: {result['chosen_by_group']}", flush=True)
        for kind in ("crops", "pictures"):
            for group, by_name in result[split][kind].items():
                for name, s in by_name.items():
                    if s["success"] is None: print(f"{split} {kind} {group}: no face"); continue
                    print(f"{split} {kind} {group}: {name}: swaps {100 * s['success'][0]:.1f}%, moved {100 * s['moved'][0]:.1f}%, "
                          f"vs none {100 * s['success - none']['gain']:+.1f} {[round(100 * v, 1) for v in s['success - none']['interval']]}", flush=True)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"written: {args.out}")
    if not args.no_export:
        mode, settings = grid[result["chosen"]]
        groups = {g: grid[n] for g, n in result["chosen_by_group"].items() if n != result["chosen"]}
        path = write_localize_choice(sidecar_paths(shipped_model_path(args.model))["localize"], mode, settings, groups,
                                     chosen_by=result["command"], measured_in=str(args.out.relative_to(project_root())) if args.out.is_relative_to(project_root()) else str(args.out))
        print(f"written: {path}")
        from animegan_keras.real import with_card_section
        card = shipped_model_path(args.model).with_name(f"animegan_{args.model}.card.md")
        if card.is_file():
            card.write_text(with_card_section(card.read_text(), card_section(result)))
            print(f"written: its section in {card}")
    return result


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    main(sys.argv[1:])
