"""Where the shipped `real` model's reading is unsure of a group (even the member it kept is not above
`edit.SURE_ABOVE`), which source should an edit start from: the kept member (`Editor(unsure="guess")`) or the group's
probabilities normalised (`unsure="soft"`)? Measured through `Editor.edit` itself, beside edits from the true tags,
and written (numbers only, never pictures) to nbs/results/unsure_source.json.

    python tools/unsure_measure.py        # judge trained (or reused) in runs/edit_judge; validation decides, test reports

The faces are the labelled faces of ../shared/data/anime-faces-labeled (split by a hash of the file name, as `make
real-data` splits them). Per split, the faces tagged with one member of a group whose reading is unsure; for each, a
swap to every other member of the group, at intensity 1, without localisation; a swap succeeds when the judge's most
probable member of the group is the asked one. The judge is `05_evaluate`'s classifier trained on the labelled training
faces with another seed than the reader (1337, not 7) and half its epochs: the same architecture and data, so its
mistakes may be the reader's; the file says how often the two agree on the unedited unsure faces, and how often the
judge names their tagged colour. The choice on the validation faces follows the reader's rule (`real.reader_wins`: no
group worse beyond the noise, one better beyond it, paired over faces); test only reports.
"""
import argparse
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from animegan_keras.core import project_root, shared_data_dir

OUT = project_root() / "nbs" / "results" / "unsure_source.json"
JUDGE = dict(epochs=15, width=32, stem_stride=2, seed=1337)


def measure(split, faces, editors, judge) -> dict:
    "Per group: unsure faces, swap success per source (mean over each face's targets, then over faces) and paired gains."
    from animegan_keras.data import read_image
    from animegan_keras.edit import SURE_ABOVE
    from animegan_keras.real import paired_gain
    from animegan_keras.evaluate import bootstrap_ci
    part = faces.subset(split)
    images = [read_image(f) for f in part.files]
    schema = editors["soft"].schema
    p = np.concatenate([editors["soft"].estimate_attributes(np.stack(images[i:i + 64])) for i in range(0, len(images), 64)])
    out = {"faces": len(part), "groups": {}}
    for group, idx in schema.group_indices().items():
        tags = part.labels[:, idx]
        rows = np.where(np.isfinite(tags).all(1) & (np.nan_to_num(tags).sum(1) == 1) & (p[:, idx].max(1) <= SURE_ABOVE))[0]
        hits = {"guess": [], "soft": [], "tags": []}
        for r in rows:
            true = int(np.nan_to_num(tags[r]).argmax())
            targets = [j for j in range(len(idx)) if j != true]
            for name in hits:
                ed = editors["guess" if name == "tags" else name]
                src = np.nan_to_num(part.labels[r]) if name == "tags" else None
                edited = [ed.edit(images[r], {schema.names[idx[j]]: 1.0}, source=src) for j in targets]
                verdict = judge(ed._model_input(edited))[:, idx].argmax(1)
                hits[name].append(float(np.mean(verdict == np.array(targets))))
        h = {k: np.array(v) for k, v in hits.items()}
        unedited = judge(editors["soft"]._model_input([images[r] for r in rows]))[:, idx].argmax(1) if len(rows) else np.zeros(0, int)
        out["groups"][group] = {
            "unsure_faces": int(len(rows)), "scored_faces": int(np.isfinite(tags).all(1).sum()),
            "judge_agrees_with_reader": float(np.mean(unedited == p[rows][:, idx].argmax(1))) if len(rows) else None,
            "judge_names_the_tag": float(np.mean(unedited == np.nan_to_num(tags[rows]).argmax(1))) if len(rows) else None,
            "swap": {k: {"mean": float(v.mean()) if len(v) else None, "interval": bootstrap_ci(v) if len(v) else None} for k, v in h.items()},
            "gain": {"soft - guess": paired_gain(h["soft"], h["guess"]) if len(rows) else None,
                     "tags - guess": paired_gain(h["tags"], h["guess"]) if len(rows) else None}}
        s = out["groups"][group]
        if not len(rows): print(f"{split}, {group}: no face read unsure"); continue
        print(f"{split}, {group}: {len(rows)} unsure faces; swaps guess {100 * s['swap']['guess']['mean']:.1f}%, soft "
              f"{100 * s['swap']['soft']['mean']:.1f}%, true tags {100 * s['swap']['tags']['mean']:.1f}%; soft − guess "
              f"{100 * s['gain']['soft - guess']['gain']:+.1f} points {[round(100 * v, 1) for v in s['gain']['soft - guess']['interval']]}; "
              f"unedited, the judge agrees with the reader on {100 * s['judge_agrees_with_reader']:.0f}% and names the tag on "
              f"{100 * s['judge_names_the_tag']:.0f}%",
              flush=True)
    return out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judge-dir", type=Path, default=project_root() / "runs" / "edit_judge", help="where the judge is saved and reused from")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the numbers go (default {OUT})")
    args = parser.parse_args(argv)
    folder = shared_data_dir("anime-faces-labeled")
    if folder is None: sys.exit("../shared/data/anime-faces-labeled is needed; not found")
    from animegan_keras.data import load_dataset
    from animegan_keras.edit import SURE_ABOVE, Editor
    from animegan_keras.real import reader_wins, saved_or_trained_judge
    editors = {u: Editor("real", localize="none", unsure=u) for u in ("guess", "soft")}
    if editors["soft"].reads_with != "the model's reader": sys.exit("the shipped real model has no reader: run python tools/reading_measure.py first")
    faces = load_dataset(folder, schema=editors["soft"].schema)
    judge = saved_or_trained_judge(faces, editors["soft"].img_size, editors["soft"].schema, args.judge_dir, JUDGE)
    result = {"command": "python tools/unsure_measure.py" + ("" if not argv else " " + " ".join(argv)),
              "measured": datetime.now(timezone.utc).isoformat(timespec="minutes"), "model": "real", "sure_above": SURE_ABOVE,
              "folder": "../shared/data/anime-faces-labeled", "judge": {**JUDGE, "heldout_accuracy": judge.mean_accuracy},
              "val": measure("val", faces, editors, judge)}
    gains = {g: v["gain"]["soft - guess"] for g, v in result["val"]["groups"].items() if v["gain"]["soft - guess"] is not None}
    result["choice"] = "soft" if gains and reader_wins(gains) else "guess"
    result["rule"] = "soft when, on the validation faces, no group's paired interval (soft − guess) lies below 0 and one lies above 0"
    result["test"] = measure("test", faces, editors, judge)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"chosen on val: unsure={result['choice']!r}; written: {args.out}")
    return result


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    main(sys.argv[1:])
