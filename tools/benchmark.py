"""`make benchmark`: the project's speed figures on this machine, printed (never asserted).

Renderer images/s (one core), input pipeline images/s, train-step images/s and share of this machine's
float32 matmul FLOP/s (tiny and cpu presets, XLA), and one edit's latency (crop and whole illustration)."""
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def section(title): print(f"\n== {title}", flush=True)


def main():
    from animegan_keras.core import AttributeSchema
    from animegan_keras import synth
    schema, rng = AttributeSchema(), np.random.default_rng(0)

    section("synthetic renderer, 128 px, this process (one core)")
    identities = [synth.sample_identity(i) for i in range(60)]
    attrs = [synth.sample_attributes(rng, schema) for _ in identities]
    synth.render(identities[0], attrs[0])  # warm caches
    start = time.perf_counter()
    for ident, a in zip(identities, attrs): synth.render(ident, a, size=128)
    print(f"render: {len(identities) / (time.perf_counter() - start):.0f} images/s")

    with tempfile.TemporaryDirectory() as tmp:
        section("dataset writing + tf.data pipeline, 128 px")
        start = time.perf_counter()
        folder = synth.write_synth_dataset(Path(tmp, "faces"), 600, size=128, seed=0, progress=False)
        print(f"write_synth_dataset (all cores): {600 / (time.perf_counter() - start):.0f} images/s")
        from animegan_keras.data import load_dataset, pipeline_throughput
        rates = pipeline_throughput(load_dataset(folder), epochs=2, img_size=128, batch_size=32)
        print("make_tf_dataset: " + ", ".join(f"{r:.0f}" for r in rates) + " images/s (epochs 1, 2)")

    from animegan_keras.train import TrainConfig, benchmark_train_step
    for preset in ("tiny", "cpu"):
        section(f"train step, preset {preset} (one D update + one G update, XLA)")
        r = benchmark_train_step(TrainConfig.preset(preset), steps=5 if preset == "cpu" else 20, warmup=2)
        print(f"{r['images_per_s']:.1f} images/s, {r['step_s'] * 1e3:.0f} ms/step, compile {r['compile_s']:.0f} s; "
              f"{r['gflops_per_step']:.2f} GFLOP/step = {r['train_gflops_per_s']:.1f} GFLOP/s, "
              f"{100 * r['share_of_matmul']:.0f}% of numpy float32 matmul ({r['matmul_gflops_per_s']:.0f} GFLOP/s)")

    section("edit latency (untrained cpu-size generator; the weights do not change the cost)")
    from animegan_keras.models import build_generator
    from animegan_keras.edit import Editor
    editor = Editor(build_generator("animegan", img_size=64, n_attributes=len(schema), dim=16),
                    schema=schema, thres_int=0.5, classifier=None)
    crop = synth.render(identities[0], attrs[0], size=128)
    changes, source = {"blonde_hair": 1.0}, schema.to_tags(attrs[0])
    editor.edit(crop, changes, source=source)
    times = []
    for _ in range(10):
        start = time.perf_counter(); editor.edit(crop, changes, source=source); times.append(time.perf_counter() - start)
    print(f"one crop edit: median {statistics.median(times) * 1e3:.1f} ms")
    canvas = np.full((1080, 1920, 3), 255, np.uint8)
    canvas[400:528, 900:1028] = crop
    times = []
    for _ in range(5):
        start = time.perf_counter()
        editor.edit_illustration(canvas, changes, source=source, boxes=[(920, 420, 88, 88)])
        times.append(time.perf_counter() - start)
    print(f"one 1920x1080 illustration edit (one face, box given): median {statistics.median(times) * 1e3:.1f} ms")


if __name__ == "__main__":  # write_synth_dataset starts worker processes that import this file
    sys.exit(main())
