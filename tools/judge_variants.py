"""Which judge can see the mouth? Two stems for `evaluate.build_judge`, trained on data/synth_64's train split and
measured on its validation split (the test split is not looked at), per attribute.

    python tools/judge_variants.py      # -> nbs/results/judge_variants.json (about 7 and 30 minutes on 2 busy cores)

`stride2`: the judge of version 3 (a stride-2 stem: the first stage sees a 32×32 map of a 64 px face);
`stride1`: the same network with a stride-1 stem (the first stage sees every pixel), which version 4 adopted.
The stride-1 figures were measured with a copy of that builder written out in this script before `build_judge` had
`stem_stride`; it built the same layers with the same seeds (equal initial weights and outputs, checked), only
without layer names."""
import functools
import json
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nbs" / "results" / "judge_variants.json"


def main() -> int:
    from animegan_keras import evaluate
    from animegan_keras.data import load_dataset
    data = load_dataset(ROOT / "data" / "synth_64")
    results = json.loads(OUT.read_text()) if OUT.exists() else {"command": "python tools/judge_variants.py", "variants": {}}
    build_judge = evaluate.build_judge   # train_judge builds through the module's name: swapped per variant, then restored
    for name, stride in (("stride2_zoom_15", 2), ("stride1_zoom_15", 1)):
        if name in results["variants"]: continue
        t = time.perf_counter()
        evaluate.build_judge = functools.partial(build_judge, stem_stride=stride)
        try: judge = evaluate.train_judge(data, 64, epochs=15, heldout_split="val")
        finally: evaluate.build_judge = build_judge
        results["variants"][name] = dict(stem_stride=stride, zoom=True, epochs=15, seconds=round(time.perf_counter() - t, 1),
                                         val_accuracy=judge.heldout_accuracy)
        OUT.write_text(json.dumps(results, indent=1) + "\n")
        print(name, results["variants"][name]["seconds"], {k: judge.heldout_accuracy[k] for k in ("smile", "open_mouth")}, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
