"""Choose the `cpu` preset's learning rate on the validation split, at the length chosen there, then report the choice once on the test split.

    python tools/choose_cpu_lr.py                                 # seeds 0 1 2; learning rates 2.5e-4 5e-4 1e-3
    python tools/choose_cpu_lr.py --lrs 5e-4 1e-3 --result /tmp/x.json   # a smaller study, kept out of nbs/results

The `cpu` preset's length (600 steps) was chosen on the validation faces at the learning rate 5e-4
(`python tools/choose_cpu_steps.py` -> nbs/results/cpu_steps.json); candidates start from the `cpu` sweep scale,
which keeps 5e-4 (this tool chose 1e-3, which the preset now has). This tool holds that length and varies the three
learning rates together (D, G and C; Adam's betas stay 0.5 and 0.999). Each candidate trains the preset under every
seed and is scored on the 400 *validation* faces by the sweeps' judge (trained on the train split only). The rule,
fixed before any score was seen:

    among the learning rates whose mean validation PSNR over the seeds reaches the PSNR target (26 dB), the one with
    the highest mean validation editing accuracy (swap protocol); when none reaches it, the highest mean validation PSNR.

(`choose_cpu_steps.choose`, the rule that chose the length.) A candidate trained exactly as a run of the steps study
(same settings and seed, the same length among its kept stages) is that run: its generator is reused, and its scores
where the same judge wrote them (otherwise it is scored again under runs/cpu_lr/, never in the steps study's folders).
Only the chosen learning rate is then scored on the test split; at least two candidates are needed, so that a
one-candidate call can never "choose" and score itself on test. Length and rate are chosen one after the other, not on a joint grid; the
result file says so. Writes nbs/results/cpu_lr.json; runs go to runs/cpu_lr/; rerunning skips whatever is scored.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from choose_cpu_steps import RULE, choose, figures, scored_by  # noqa: E402  (the steps study's figures, rule and judge check)

RESULT = ROOT / "nbs" / "results" / "cpu_lr.json"
STEPS_STUDY = ROOT / "runs" / "cpu_steps"   # tools/choose_cpu_steps.py's runs: seed_<k>/generator_<steps>.keras, val_/test_ scores
STEPS_RESULT = ROOT / "nbs" / "results" / "cpu_steps.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--lrs", type=float, nargs="+", default=[2.5e-4, 5e-4, 1e-3], help="candidate learning rates (D, G and C)")
    parser.add_argument("--steps", type=int, default=None, help="default: the cpu preset's (chosen on validation)")
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "cpu_lr")
    parser.add_argument("--result", type=Path, default=RESULT)
    args = parser.parse_args(argv)
    lrs = sorted(set(args.lrs))
    bad = [lr for lr in lrs if not 0 < lr < 1]
    if bad: parser.error(f"--lrs must be in (0, 1). Received: {bad}")
    if len(lrs) < 2: parser.error(f"--lrs needs two or more learning rates to choose from. Received: {args.lrs}")

    from animegan_keras.ablations import SWEEP_SCALES, TARGETS, scale_config, seed_stats, sweep_judge
    from animegan_keras.core import shown_path
    _shown = lambda path: shown_path(Path(path).resolve(), ROOT)
    from animegan_keras.data import load_dataset
    from animegan_keras.edit import _load_keras_file   # safe mode; a broken file is named
    from animegan_keras.evaluate import evaluate_generator
    from animegan_keras.train import TrainConfig, ensure_data, fit

    base = scale_config("cpu").replace(jit_compile=False)   # as the sweeps and the steps study train it
    steps = base.steps if args.steps is None else args.steps
    if steps <= 0: parser.error(f"--steps must be positive. Received: {steps}")
    folder = ensure_data(base)
    dataset = load_dataset(folder)
    spec = SWEEP_SCALES["cpu"]

    def config_of(lr, seed, run_dir):
        return base.replace(steps=steps, lr_d=lr, lr_g=lr, lr_c=lr, seed=seed, out_dir=str(run_dir), data_dir=str(folder))

    def run_of(lr, seed):
        "(run folder, kept generator, the steps study's run or None) of one candidate and seed."
        run_dir = args.out / f"steps_{steps}" / f"lr_{lr:g}" / f"seed_{seed}"
        study = STEPS_STUDY / f"seed_{seed}"
        kept = study / f"generator_{steps:06d}.keras"
        if kept.is_file() and (study / "settings.yml").is_file():   # the study trained in stages: its settings name the last
            trained = TrainConfig.from_yaml(study / "settings.yml")
            if trained.replace(steps=steps) == config_of(lr, seed, study): return run_dir, kept, study
        return run_dir, run_dir / "generator.keras", None

    for lr in lrs:   # train first: scoring needs only the kept generators
        for seed in args.seeds:
            run_dir, kept, _ = run_of(lr, seed)
            if kept.is_file(): continue   # fit writes generator.keras when the run is finished; an unfinished run resumes
            print(f"[lr {lr:g}, seed {seed}] training {steps} steps", flush=True)
            fit(config_of(lr, seed, run_dir), verbose=0)

    judge_dir = ROOT / "runs" / "ablations" / "cpu_400" / "judges" / f"{Path(folder).name}_{base.img_size}px"
    judge = sweep_judge(dataset, base.img_size, judge_dir, spec["judge"]["epochs"], spec["judge"]["width"])
    score = dict(judge=judge, max_images=spec["evaluate"]["max_images"], grid_images=spec["evaluate"]["grid_images"])

    def scored(lr, seed, split):
        "One candidate and seed scored on `split`: the steps study's score of the same run by this judge, else scored here."
        run_dir, kept, study = run_of(lr, seed)
        studied = None if study is None else study / f"{split}_{steps:06d}" / "results.json"
        if studied is not None and scored_by(studied, judge): return figures(json.loads(studied.read_text()))
        path = run_dir / split / "results.json"
        if not scored_by(path, judge):   # the sweeps' rule: a score by another judge is scored again
            print(f"[lr {lr:g}, seed {seed}] scoring on the {split} split", flush=True)
            evaluate_generator(_load_keras_file(kept, "generator"), dataset, path.parent, img_size=base.img_size, split=split,
                               run_dir=run_dir, **score)
        return figures(json.loads(path.read_text()))

    per_lr = {lr: {seed: scored(lr, seed, "val") for seed in args.seeds} for lr in lrs}
    validation = {lr: {k: seed_stats({seed: per_lr[lr][seed][k] for seed in args.seeds}) for k in ("psnr", "ssim", "mean_accuracy")}
                  for lr in lrs}
    chosen = choose(validation, TARGETS["psnr"])
    test = {seed: scored(chosen, seed, "test") for seed in args.seeds}
    steps_study = json.loads(STEPS_RESULT.read_text()) if STEPS_RESULT.is_file() else {}
    report = {
        "format": 1,
        "command": "python tools/choose_cpu_lr.py " + " ".join(["--seeds", *map(str, args.seeds), "--lrs", *(f"{lr:g}" for lr in lrs)]
                                                               + ([] if args.steps is None else ["--steps", str(steps)])
                                                               + ([] if args.out == ROOT / "runs" / "cpu_lr" else ["--out", str(args.out)])),
        "preset": "cpu", "steps": steps, "batch_size": base.batch_size, "img_size": base.img_size, "data": str(Path(folder).name),
        "seeds": args.seeds, "learning_rates": lrs, "targets": dict(TARGETS), "rule": RULE.replace("stages", "learning rates"),
        "sequential": f"the length was chosen first, at the learning rate {steps_study.get('learning_rates', 'unknown')} "
                      "(nbs/results/cpu_steps.json), and is held here",
        "runs": {f"{lr:g}": {str(seed): _shown(run_of(lr, seed)[2] or run_of(lr, seed)[0]) for seed in args.seeds} for lr in lrs},
        "judge": {"folder": _shown(judge_dir), "heldout_split": judge.heldout_split,
                  "heldout_accuracy": judge.heldout_accuracy},
        "validation": {f"{lr:g}": {"summary": validation[lr], "per_seed": {str(k): v for k, v in per_lr[lr].items()}} for lr in lrs},
        "chosen_lr": chosen, "chosen": f"{chosen:g}",
        "test": {"summary": {k: seed_stats({seed: test[seed][k] for seed in args.seeds})
                             for k in ("psnr", "ssim", "mean_accuracy", "mean_baseline", "mean_preserved")},
                 "per_seed": {str(k): v for k, v in test.items()}},
    }
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(json.dumps(report, indent=1, allow_nan=False) + "\n")
    print(f"chosen on validation: learning rate {chosen:g}; test: PSNR {report['test']['summary']['psnr']['mean']:.2f} dB, "
          f"mean editing accuracy {100 * report['test']['summary']['mean_accuracy']['mean']:.1f}% -> {args.result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
