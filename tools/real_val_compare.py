"""Compare real-face models on the labelled *validation* faces, to decide which one ships (the test split only reports).

    python tools/real_val_compare.py real runs/real                       # the shipped model against a new run
    python tools/real_val_compare.py real runs/real --data data/real_96 --out nbs/results/real_val_compare.json

Each model is scored as `05_evaluate` scores it (reconstruction PSNR/SSIM; hair- and eye-colour swaps judged by a
classifier trained on the labelled training faces, beside doing nothing and the judge's ceiling; bootstrap 95%
intervals over faces), on the `val` split of the labelled faces of the dataset folder (pseudo-labelled faces are only
ever in `train`). The judge is trained here once and measured on `val`, never on `test`. A model trained on more
attributes than the dataset has (a combined real + synthetic folder) is asked only for the dataset's attributes
(`evaluate.SchemaAdapter`), so every model is scored by the same judge on the same faces."""
import argparse
import json
import time
from pathlib import Path

import numpy as np

from animegan_keras.core import shown_path
from animegan_keras.data import load_dataset
from animegan_keras.edit import load_editor_model
from animegan_keras.evaluate import Judge, SchemaAdapter, evaluate_generator, train_judge
from animegan_keras.real import tagged_faces

ROOT = Path(__file__).resolve().parent.parent


def summary(results: dict) -> dict:
    "The figures the decision reads: PSNR, SSIM and each group's mean swap accuracy, with intervals, baselines, ceilings."
    rec, groups = results["reconstruction"], results["editing"]["groups"]
    return {"psnr": rec["psnr"], "psnr_ci": rec.get("psnr_ci"), "ssim": rec["ssim"], "ssim_ci": rec.get("ssim_ci"),
            "images": rec["images"],
            "groups": {g: {k: v.get(k) for k in ("mean_accuracy", "mean_accuracy_ci", "mean_baseline", "mean_judge_ceiling")}
                       for g, v in groups.items()}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="shipped model names, run folders or .keras files")
    parser.add_argument("--data", default="data/real_96", help="the real dataset folder (make real-data)")
    parser.add_argument("--work", default="runs/real_val_compare", help="judge and per-model figures go here")
    parser.add_argument("--out", default=str(ROOT / "nbs" / "results" / "real_val_compare.json"))
    parser.add_argument("--judge-epochs", type=int, default=15)
    args = parser.parse_args(argv)
    data = load_dataset(args.data)
    labelled = tagged_faces(data)
    work = Path(args.work)
    models = {m: load_editor_model(m, classifier=None) for m in args.models}
    sizes = {em.img_size for em in models.values()}
    if len(sizes) != 1: raise SystemExit(f"the models differ in image size ({sorted(sizes)}): compare models of one size")
    img_size = sizes.pop()
    try: judge = Judge.load(work / "judge")
    except FileNotFoundError:
        judge = train_judge(labelled, img_size, epochs=args.judge_epochs, heldout_split="val")
        judge.save(work / "judge")
    judge.trained_on = str(labelled.folder.resolve())
    out = {"command": "python tools/real_val_compare.py " + " ".join(args.models), "split": "val", "data": args.data,
           "judge_heldout_accuracy_mean": float(np.mean([a for a in judge.heldout_accuracy.values() if a is not None])),
           "models": {}}
    for name, em in models.items():
        start = time.perf_counter()
        # a model trained on more attributes (data.combine_datasets) is asked in the data's order, the rest left at 0
        generator = em.generator if em.schema == data.schema else SchemaAdapter(em.generator, em.schema, data.schema)
        results = evaluate_generator(generator, labelled, work / name.replace("/", "_").strip("_"), img_size=img_size, judge=judge, split="val",
                                     counterfactual=False, thres_int=em.thres_int, verbose=False)
        out["models"][name] = {"origin": shown_path(em.origin), "attributes": len(em.schema), **summary(results), "seconds": round(time.perf_counter() - start, 1)}
        s = out["models"][name]
        print(f"{name}: PSNR {s['psnr']:.2f} dB {s['psnr_ci']}, " + ", ".join(
            f"{g} swaps {100 * v['mean_accuracy']:.1f}% [{100 * v['mean_accuracy_ci'][0]:.1f}, {100 * v['mean_accuracy_ci'][1]:.1f}] "
            f"(nothing {100 * v['mean_baseline']:.1f}%, ceiling {100 * v['mean_judge_ceiling']:.1f}%)" for g, v in s["groups"].items()))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=1, default=float))
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
