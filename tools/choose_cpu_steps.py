"""Choose the `cpu` preset's length on the validation split, then report the choice once on the test split.

    python tools/choose_cpu_steps.py                      # seeds 0 1 2, stages 400 600 800 1000
    python tools/choose_cpu_steps.py --seeds 0 --stages 400 600
    python tools/choose_cpu_steps.py --curve --stages 400 600 800 1000 1500 2000 3000   # the learning curve only

Each seed trains the `cpu` sweep scale (the `cpu` preset on synthetic faces, 64 px, at the learning rate 5e-4 it had
before `choose_cpu_lr.py` chose 1e-3 at the length chosen here) in stages: it stops at each
stage, is scored on the 400 *validation* faces, and resumes from its checkpoint to the next stage (a run that the
sweeps of `06_ablations` already trained to the first stage with the same settings and seed is copied, not
trained again). Every stage's generator is kept. The rule, fixed before any score was seen:

    among the stages whose mean validation PSNR over the seeds reaches the PSNR target (26 dB), take the one with
    the highest mean validation editing accuracy (swap protocol); when no stage reaches the target, the one with
    the highest mean validation PSNR.

Only the chosen stage's generators are then scored on the test split. Every score uses the sweeps' judge
(`ablations.sweep_judge`, trained on the train split only). The result goes to `nbs/results/cpu_steps.json`, which
the README renders (`python tools/render_readme.py`). Runs go to `runs/cpu_steps/`; rerunning skips whatever is
already scored.

With `--curve` the same runs go on to longer stages and every stage is scored on validation only: nothing is
chosen and the test split is not read. The result, `nbs/results/cpu_curve.json`, shows where the sweep scale's
validation figures (the preset at 5e-4) stop moving: the budget the sweeps of `06_ablations` (400 steps, the same
settings) are measured against. A score written by another judge than today's is scored again.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT = ROOT / "nbs" / "results" / "cpu_steps.json"
CURVE = ROOT / "nbs" / "results" / "cpu_curve.json"
RULE = ("among the stages whose mean validation PSNR over the seeds reaches the target, the highest mean validation "
        "editing accuracy (swap protocol); when none reaches it, the highest mean validation PSNR")


def figures(results: dict) -> dict:
    "The figures a stage is judged and reported by, from one results.json."
    edit, rec = results["editing"], results["reconstruction"]
    return {"psnr": rec["psnr"], "psnr_ci": rec["psnr_ci"], "ssim": rec["ssim"],
            "mean_accuracy": edit["mean_accuracy"], "mean_accuracy_ci": edit["mean_accuracy_ci"],
            "mean_accuracy_reliable": edit.get("mean_accuracy_reliable"), "unreliably_judged": edit.get("unreliably_judged", []),
            "mean_baseline": edit["mean_baseline"], "mean_preserved": edit["mean_preserved"],
            "attributes": {n: a["accuracy"] for n, a in edit["attributes"].items()}}


def scored_by(path: Path, judge) -> bool:
    "Whether `path` is a results.json that `judge` scored (same held-out accuracies): a score by another judge is scored again."
    return path.is_file() and (json.loads(path.read_text()).get("judge") or {}).get("heldout_accuracy") == judge.heldout_accuracy


def choose(stages: dict, psnr_target: float) -> int:
    "The stage the rule picks, from {stage: {'psnr': summary, 'mean_accuracy': summary}} on validation."
    reaching = [s for s, f in stages.items() if f["psnr"]["mean"] >= psnr_target]
    if reaching: return max(reaching, key=lambda s: stages[s]["mean_accuracy"]["mean"])
    return max(stages, key=lambda s: stages[s]["psnr"]["mean"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--stages", type=int, nargs="+", default=[400, 600, 800, 1000])
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "cpu_steps")
    parser.add_argument("--train-only", action="store_true", help="train and keep every stage's generator; score nothing")
    parser.add_argument("--curve", action="store_true",
                        help=f"score every stage on validation only and write {CURVE.relative_to(ROOT)}; choose nothing, read no test face")
    parser.add_argument("--result", type=Path, default=None,
                        help=f"the result file (default: {RESULT.relative_to(ROOT)}, or {CURVE.relative_to(ROOT)} with --curve)")
    args = parser.parse_args(argv)
    stages = sorted(set(args.stages))
    if len(stages) < 2 or stages[0] <= 0: parser.error(f"--stages needs two or more positive step counts. Received: {args.stages}")

    from animegan_keras.ablations import SWEEP_SCALES, TARGETS, copy_run, scale_config, seed_stats, sweep_judge
    from animegan_keras.core import shown_path
    from animegan_keras.data import load_dataset
    from animegan_keras.edit import _load_keras_file   # safe mode; a broken file is named
    from animegan_keras.evaluate import evaluate_generator
    load_generator = lambda path: _load_keras_file(path, "generator")
    from animegan_keras.train import ensure_data, fit

    base = scale_config("cpu").replace(jit_compile=False)   # as the sweeps train it: their first stage can be reused
    folder = ensure_data(base)
    dataset = load_dataset(folder)
    spec = SWEEP_SCALES["cpu"]
    for seed in args.seeds:   # train every stage first: scoring needs only the kept generators
        run_dir = args.out / f"seed_{seed}"
        twin = ROOT / "runs" / "ablations" / "cpu_400" / "losses" / "gan" / f"seed_{seed}"
        config = base.replace(seed=seed, out_dir=str(run_dir), data_dir=str(folder))
        for stage in stages:
            kept = run_dir / f"generator_{stage:06d}.keras"
            if not kept.is_file():
                if stage == 400 and not run_dir.exists() and (twin / "generator.keras").is_file() and \
                        (twin / "settings.yml").read_text() == config.replace(steps=400, out_dir=str(twin)).to_yaml():
                    print(f"[seed {seed}] stage {stage}: copying the sweeps' identical run {twin}", flush=True)
                    copy_run(twin, run_dir, config.replace(steps=400))
                else:
                    print(f"[seed {seed}] stage {stage}: training to step {stage}", flush=True)
                    fit(config.replace(steps=stage), verbose=0)
                shutil.copy2(run_dir / "generator.keras", kept)
    if args.train_only: return 0
    judge_dir = ROOT / "runs" / "ablations" / "cpu_400" / "judges" / f"{Path(folder).name}_{base.img_size}px"
    judge = sweep_judge(dataset, base.img_size, judge_dir, spec["judge"]["epochs"], spec["judge"]["width"])
    score = dict(judge=judge, max_images=spec["evaluate"]["max_images"], grid_images=spec["evaluate"]["grid_images"])
    per_stage = {s: {} for s in stages}
    for seed in args.seeds:
        run_dir = args.out / f"seed_{seed}"
        for stage in stages:
            kept, scored = run_dir / f"generator_{stage:06d}.keras", run_dir / f"val_{stage:06d}" / "results.json"
            if not scored_by(scored, judge):
                print(f"[seed {seed}] stage {stage}: scoring on the validation split", flush=True)
                evaluate_generator(load_generator(kept), dataset, scored.parent, img_size=base.img_size, split="val",
                                   run_dir=run_dir, **score)
            per_stage[stage][seed] = figures(json.loads(scored.read_text()))
    validation = {s: {k: seed_stats({seed: per_stage[s][seed][k] for seed in args.seeds}) for k in ("psnr", "ssim", "mean_accuracy")}
                  for s in stages}
    common = {"format": 1, "preset": "cpu", "learning_rates": base.lr_g, "batch_size": base.batch_size, "img_size": base.img_size,
              "data": str(Path(folder).name), "seeds": args.seeds, "stages": stages, "targets": dict(TARGETS),
              "judge": {"folder": shown_path(judge_dir, ROOT), "heldout_split": judge.heldout_split,
                        "heldout_accuracy": judge.heldout_accuracy},
              "validation": {str(s): {"summary": validation[s], "per_seed": {str(k): v for k, v in per_stage[s].items()}} for s in stages}}
    result = args.result or (CURVE if args.curve else RESULT)
    options = ["--seeds", *map(str, args.seeds), "--stages", *map(str, stages)] + \
              ([] if args.out == ROOT / "runs" / "cpu_steps" else ["--out", str(args.out)])
    if args.curve:
        command = "python tools/choose_cpu_steps.py --curve " + " ".join(options)
        result.write_text(json.dumps({"command": command, "kind": "curve", **common}, indent=1, allow_nan=False) + "\n")
        last = validation[stages[-1]]
        print(f"validation at {stages[-1]} steps: PSNR {last['psnr']['mean']:.2f} dB, mean editing accuracy "
              f"{100 * last['mean_accuracy']['mean']:.1f}% -> {shown_path(result, ROOT)}")
        return 0
    chosen = choose(validation, TARGETS["psnr"])
    test = {}
    for seed in args.seeds:
        run_dir = args.out / f"seed_{seed}"
        scored = run_dir / f"test_{chosen:06d}" / "results.json"
        if not scored_by(scored, judge):
            print(f"[seed {seed}] stage {chosen} (chosen): scoring on the test split", flush=True)
            evaluate_generator(load_generator(run_dir / f"generator_{chosen:06d}.keras"), dataset, scored.parent,
                               img_size=base.img_size, split="test", run_dir=run_dir, **score)
        test[seed] = figures(json.loads(scored.read_text()))
    command = "python tools/choose_cpu_steps.py " + " ".join(options)
    report = {
        "command": command, **common, "rule": RULE,
        "chosen_steps": chosen,
        "test": {"summary": {k: seed_stats({seed: test[seed][k] for seed in args.seeds})
                             for k in ("psnr", "ssim", "mean_accuracy", "mean_baseline", "mean_preserved")},
                 "per_seed": {str(k): v for k, v in test.items()}},
    }
    result.write_text(json.dumps(report, indent=1, allow_nan=False) + "\n")
    print(f"chosen on validation: {chosen} steps; test: PSNR {report['test']['summary']['psnr']['mean']:.2f} dB, "
          f"mean editing accuracy {100 * report['test']['summary']['mean_accuracy']['mean']:.1f}% -> {shown_path(result, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
