"""Which judge can see the mouth? Two stems for `evaluate.build_judge`, trained on data/synth_64's train split and
measured on its validation split (the test split is not looked at), per attribute.

    python tools/judge_variants.py      # -> nbs/results/judge_variants.json (about 7 and 30 minutes on 2 busy cores)

`stride2`: the judge of version 3 (a stride-2 stem: the first stage sees a 32×32 map of a 64 px face);
`stride1`: the same network with a stride-1 stem (the first stage sees every pixel), which version 4 adopted.
The builder is written out here as it was measured (it is `build_judge(..., stem_stride=1)` of version 4, with
unnamed layers)."""
import json
import sys
import time
from pathlib import Path

import keras

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "nbs" / "results" / "judge_variants.json"


def variant_builder(stem_stride):
    from animegan_keras import evaluate
    original = evaluate.build_judge
    def build(img_size, n_attributes, width=32, convs_per_stage=2, dropout=0.3, shift=0.1, seed=1337, **_):
        if stem_stride == 2: return original(img_size, n_attributes, width=width, convs_per_stage=convs_per_stage,
                                             dropout=dropout, shift=shift, seed=seed, stem_stride=2)
        L = keras.layers
        inputs = keras.Input((img_size, img_size, 3), name="images")
        x = L.RandomFlip("horizontal", seed=seed, name="flip")(inputs)
        x = L.RandomTranslation(shift, shift, fill_mode="reflect", seed=seed + 1, name="shift")(x)
        x = L.RandomZoom((-shift, shift), fill_mode="reflect", seed=seed + 2, name="zoom")(x)
        init = lambda i: keras.initializers.HeUniform(seed=seed + i)
        x = L.Conv2D(width // 2, 3, strides=stem_stride, padding="same", kernel_initializer=init(0), name="stem")(x)
        size, filters, stage = img_size // stem_stride, width, 1
        while size > 4:
            for k in range(convs_per_stage):
                x = L.Conv2D(filters, 3, padding="same", use_bias=False, kernel_initializer=init(10 * stage + k))(x)
                x = L.BatchNormalization(momentum=0.9)(x); x = L.ReLU()(x)
            x = L.MaxPooling2D(2)(x)
            size, filters, stage = size // 2, min(filters * 2, 8 * width), stage + 1
        x = L.GlobalAveragePooling2D()(x); x = L.Dropout(dropout, seed=seed)(x)
        out = L.Dense(n_attributes, activation="sigmoid", kernel_initializer=keras.initializers.GlorotUniform(seed))(x)
        return keras.Model(inputs, out, name="judge")
    return build


def main() -> int:
    from animegan_keras import evaluate
    from animegan_keras.data import load_dataset
    data = load_dataset(ROOT / "data" / "synth_64")
    results = json.loads(OUT.read_text()) if OUT.exists() else {"command": "python tools/judge_variants.py", "variants": {}}
    for name, stride in (("stride2_zoom_15", 2), ("stride1_zoom_15", 1)):
        if name in results["variants"]: continue
        evaluate.build_judge = variant_builder(stride)
        t = time.perf_counter()
        judge = evaluate.train_judge(data, 64, epochs=15, heldout_split="val")
        results["variants"][name] = dict(stem_stride=stride, zoom=True, epochs=15, seconds=round(time.perf_counter() - t, 1),
                                         val_accuracy=judge.heldout_accuracy)
        OUT.write_text(json.dumps(results, indent=1) + "\n")
        print(name, results["variants"][name]["seconds"], {k: judge.heldout_accuracy[k] for k in ("smile", "open_mouth")}, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
