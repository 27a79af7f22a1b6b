"""Do synthetic faces help the attributes that real labels lack? Measures a model trained on real + synthetic faces
against the real-only model, on validation faces only, and writes the numbers (never pictures) to
nbs/results/combined_model.json.

    python tools/combined_measure.py                                   # the shipped `real` model against runs/real_synth
    python tools/combined_measure.py --real real --combined runs/real_synth --out /tmp/combined.json

How the combined model was made (see `09a_real`):
    data.combine_datasets("data/real_synth_96", {"real": "data/real_96", "synth": "data/synth_96"},
                          teach={"synth": ["blush", "smile", "open_mouth", "glasses"]})
    animegan train --preset real --data-dir data/real_synth_96 --out-dir runs/real_synth

1. Real faces (the labelled `val` faces of data/real_96, the judge of tools/real_val_compare.py): PSNR/SSIM and hair-
   and eye-colour swaps of both models (the combined model asked only for hair and eyes: `evaluate.SchemaAdapter`).
2. The attributes real labels lack, on synthetic `val` faces (data/synth_96, 96 px), judged by a judge trained on the
   synthetic `train` faces for those attributes only: editing accuracy beside doing nothing and the judge's ceiling.
3. The same attributes asked of real `val` faces, where no independent judge exists (no anime tagger can be had
   offline): how much the edit changes a face (mean change from the reconstruction, share of pixels moved by more
   than 20 levels), beside the same figures on synthetic faces, and how often the model's *own* classifier C reads
   the attribute as on after the edit (not independent of the generator: it trained it).
"""
import argparse
import json
import time
from pathlib import Path

import numpy as np

from animegan_keras.core import AttributeSchema, DEFAULT_OTHER
from animegan_keras.data import load_dataset
from animegan_keras.edit import MOVED_LEVELS, load_editor_model, moved_pixels
from animegan_keras.evaluate import (Judge, SchemaAdapter, bootstrap_ci, evaluate_generator, iterate_batches, run_generator,
                                     to_uint8, train_judge)
from animegan_keras.real import tagged_faces

ROOT = Path(__file__).resolve().parent.parent


def edit_strength(em, dataset, name: str, split: str = "val", only_off: bool = True, batch_size: int = 32) -> dict:
    "Per face: mean |edit − reconstruction| (levels), share of pixels moved > 20 levels, C's probability before and after."
    schema, i = dataset.schema, dataset.schema.index(name)
    generator = em.generator if em.schema == schema else SchemaAdapter(em.generator, em.schema, schema)
    c_col = em.schema.index(name)
    rows = {"mean_change": [], "moved_share": [], "c_before": [], "c_after": []}
    for x, att in iterate_batches(dataset, split, em.img_size, batch_size):
        keep = ~(att[:, i] > 0.5) if only_off else np.ones(len(att), bool)   # off or unknown: ask for it on
        if not keep.any(): continue
        x, att = x[keep], att[keep]
        target = att.copy(); target[:, i] = 1.0
        rec = to_uint8(run_generator(generator, x, att, att, em.thres_int)).astype(np.int16)
        out = to_uint8(run_generator(generator, x, att, target, em.thres_int)).astype(np.int16)
        rows["mean_change"] += list(np.abs(out - rec).mean((1, 2, 3)))
        rows["moved_share"] += list(moved_pixels(rec, out).mean((1, 2)))
        if em.classifier is not None:
            for key, images in (("c_before", rec), ("c_after", out)):
                logits = np.asarray(em.classifier(images.astype(np.float32) / 127.5 - 1.0))
                rows[key] += list(1 / (1 + np.exp(-logits[:, c_col])))
    out = {"faces": len(rows["mean_change"])}
    for key in ("mean_change", "moved_share"):
        v = np.array(rows[key], np.float64)
        out[key], out[f"{key}_ci"] = float(v.mean()), bootstrap_ci(v)
    if rows["c_after"]:
        on = (np.array(rows["c_after"]) > 0.5).astype(np.float64)
        out["c_reads_on_after"], out["c_reads_on_after_ci"] = float(on.mean()), bootstrap_ci(on)
        out["c_reads_on_before"] = float((np.array(rows["c_before"]) > 0.5).mean())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--real", default="real", help="the real-only model (shipped name, run folder or .keras file)")
    parser.add_argument("--combined", default="runs/real_synth", help="the model trained on real + synthetic faces")
    parser.add_argument("--real-data", default="data/real_96")
    parser.add_argument("--synth-data", default="data/synth_96")
    parser.add_argument("--combined-data", default="data/real_synth_96", help="the folder the combined model was trained on")
    parser.add_argument("--work", default="runs/combined_measure")
    parser.add_argument("--out", default=str(ROOT / "nbs" / "results" / "combined_model.json"))
    args = parser.parse_args(argv)
    start, work = time.perf_counter(), Path(args.work)
    out = {"command": "python tools/combined_measure.py" + (f" --real {args.real}" if args.real != "real" else "")
                      + (f" --combined {args.combined}" if args.combined != "runs/real_synth" else ""),
           "real_model": args.real, "combined_model": args.combined, "split": "val", "moved_levels": MOVED_LEVELS}

    # 1. hair and eyes on real faces: the judge and protocol of tools/real_val_compare.py
    import real_val_compare
    real_val_compare.main([args.real, args.combined, "--data", args.real_data, "--out", str(work / "real_val.json")])
    out["real_faces"] = json.loads((work / "real_val.json").read_text())

    # 2. the attributes real labels lack, judged on synthetic faces
    combined = load_editor_model(args.combined)
    lacking = AttributeSchema([n for n in DEFAULT_OTHER if n in combined.schema and n not in load_dataset(args.real_data, check_images=False).schema])
    synth = load_dataset(args.synth_data, schema=lacking)
    try: judge = Judge.load(work / "synth_judge")
    except FileNotFoundError:
        judge = train_judge(synth, combined.img_size, epochs=15, heldout_split="val")
        judge.save(work / "synth_judge")
    judge.trained_on = str(synth.folder.resolve())
    res = evaluate_generator(SchemaAdapter(combined.generator, combined.schema, lacking), synth, work / "synth_val",
                             img_size=combined.img_size, judge=judge, split="val", counterfactual=False,
                             thres_int=combined.thres_int, verbose=False)
    out["synthetic_faces"] = {"faces": res["reconstruction"]["images"], "judge_heldout_accuracy": judge.heldout_accuracy,
                              "attributes": {n: {k: v.get(k) for k in ("accuracy", "accuracy_ci", "baseline", "judge_ceiling",
                                                                       "accuracy_to_on", "accuracy_to_off", "count")}
                                             for n, v in res["editing"]["attributes"].items()},
                              "mean_accuracy": res["editing"]["mean_accuracy"], "mean_accuracy_ci": res["editing"]["mean_accuracy_ci"],
                              "mean_baseline": res["editing"]["mean_baseline"]}

    # 3. the same attributes asked of real faces: strength of the change, and C's reading
    both = load_dataset(args.combined_data)   # the combined folder: its real rows know hair and eyes, its synthetic rows the rest
    if both.schema != combined.schema: raise SystemExit(f"{args.combined_data} is not the folder {args.combined} was trained on (other attributes)")
    part = np.array([m.get("part") for m in both.metadata])
    real_faces = tagged_faces(both.select(part == "real"))
    synth_faces = both.select(part == "synth")
    out["strength"] = {}
    for name in lacking.names:
        out["strength"][name] = {"real": edit_strength(combined, real_faces, name),
                                 "synthetic": edit_strength(combined, synth_faces, name)}
        r, s = out["strength"][name]["real"], out["strength"][name]["synthetic"]
        print(f"{name}: real faces moved {100 * r['moved_share']:.1f}% of pixels (mean change {r['mean_change']:.2f}), "
              f"synthetic {100 * s['moved_share']:.1f}% ({s['mean_change']:.2f}); C reads it on after the edit: "
              f"real {100 * r.get('c_reads_on_after', float('nan')):.1f}%, synthetic {100 * s.get('c_reads_on_after', float('nan')):.1f}%")
    out["seconds"] = round(time.perf_counter() - start, 1)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1, default=float))
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
