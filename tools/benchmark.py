"""`make benchmark`: the project's speed figures on this machine, printed (never asserted).

Renderer images/s (one core), input pipeline images/s, train-step images/s and share of this machine's
float32 matmul FLOP/s (tiny and cpu presets, XLA), and the latency of an edit with the shipped model (a 256 px
portrait, a 1920x1080 poster with four faces, and the `animegan edit` command as a new process)."""
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
    if "--precision-only" in sys.argv[1:]:   # python tools/benchmark.py --precision-only: float32 against mixed_bfloat16
        return precision_comparison()
    if "--edit-only" in sys.argv[1:]:   # python tools/benchmark.py --edit-only: the edit latencies alone
        identities = [synth.sample_identity(i) for i in range(5)]
        return edit_latency(synth, identities, [synth.sample_attributes(rng, schema) for _ in identities])

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

    precision_comparison()
    edit_latency(synth, identities, attrs)


def precision_comparison(repeats=2):
    """The `cpu` preset's train step without XLA in float32 and under Keras' `mixed_bfloat16` policy, interleaved so
    that both see the same machine; the ratio is the figure to read (bfloat16 pays off on CPUs with avx512_bf16/AMX)."""
    import keras
    from animegan_keras.train import TrainConfig, benchmark_train_step
    section("train step, preset cpu, no XLA: float32 against mixed_bfloat16 (interleaved)")
    times = {"float32": [], "mixed_bfloat16": []}
    try:
        for _ in range(repeats):
            for policy in times:
                keras.mixed_precision.set_global_policy(policy)
                times[policy].append(benchmark_train_step(TrainConfig.preset("cpu", jit_compile=False), steps=5, warmup=2)["step_s"])
    finally: keras.mixed_precision.set_global_policy("float32")
    f32, bf16 = (statistics.median(times[p]) for p in times)
    print(f"float32 {f32 * 1e3:.0f} ms/step, mixed_bfloat16 {bf16 * 1e3:.0f} ms/step: bfloat16 is {f32 / bf16:.2f}x as fast "
          f"(runs: {', '.join(f'{p} ' + '/'.join(f'{t * 1e3:.0f}' for t in ts) for p, ts in times.items())} ms)")


def _median_s(fn, repeats):
    fn()  # warm: the first call builds the detector and traces the generator
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); fn(); times.append(time.perf_counter() - start)
    return statistics.median(times)


def edit_latency(synth, identities, attrs):
    """`animegan edit` with the shipped default model, the face found by the cascade (as a user runs it): a 256 px
    portrait and a 1920x1080 poster with four faces, in this process and as the command (a new process, imports
    included). Each figure is also given in generator forward passes measured in the same run."""
    import subprocess
    from animegan_keras.core import shared_data_dir
    from animegan_keras.edit import Editor
    from PIL import Image
    section("edit latency: the shipped default model, faces found by the cascade")
    editor = Editor()   # the default shipped model with its own classifier (it estimates each face's attributes)
    size = editor.model.img_size
    x = np.zeros((1, size, size, 3), np.float32); c = np.zeros((1, len(editor.model.schema)), np.float32)
    forward = _median_s(lambda: editor.model.generator([x, c], training=False), 20)
    print(f"generator forward pass, one {size} px face: {forward * 1e3:.1f} ms (the unit below)")
    real = shared_data_dir("illustrations")
    portrait_file = sorted(real.glob("*.png"))[0] if real is not None else None
    portrait = (np.asarray(Image.open(portrait_file).convert("RGB").resize((256, 256))) if portrait_file is not None
                else synth.render(identities[0], attrs[0], size=256))
    what = "a real 256 px portrait" if portrait_file is not None else "a synthetic 256 px face (no ../shared/data)"
    faces = editor.find_faces(portrait)
    if faces:
        t = _median_s(lambda: editor.edit_illustration(portrait, {"blonde_hair": 1.0}), 10)
        print(f"{what}, blonde_hair=1: median {t * 1e3:.0f} ms = {t / forward:.1f} forward passes")
    else: print(f"{what}: the cascade found no face; skipped")
    poster = np.full((1080, 1920, 3), 235, np.uint8)
    for k in range(4):   # four synthetic faces of 256 px across the poster
        poster[300 + 200 * (k % 2):556 + 200 * (k % 2), 150 + 430 * k:406 + 430 * k] = synth.render(identities[k + 1], attrs[k + 1], size=256)
    found = len(editor.find_faces(poster))
    t_detect = _median_s(lambda: editor.find_faces(poster), 5)
    t = _median_s(lambda: editor.edit_illustration(poster, {"blonde_hair": 1.0}), 5)
    print(f"1920x1080 poster, {found} of 4 faces found: detection {t_detect * 1e3:.0f} ms, the whole edit {t * 1e3:.0f} ms "
          f"= {t / forward:.1f} forward passes ({t_detect / t:.0%} of it detection)")
    with tempfile.TemporaryDirectory() as tmp:
        Image.fromarray(portrait).save(Path(tmp, "in.png"))
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("animegan")), "edit", str(Path(tmp, "in.png")), "-o", str(Path(tmp, "out.png")),
                        "--set", "blonde_hair=1"], check=True, capture_output=True)
        cli = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import animegan_keras.edit"], check=True, capture_output=True)
        imports = time.perf_counter() - start
    print(f"`animegan edit` on {what.split(' (')[0]}, a new process: {cli:.1f} s, of which {imports:.1f} s "
          f"({imports / cli:.0%}) is starting Python and importing TensorFlow")


if __name__ == "__main__":  # write_synth_dataset starts worker processes that import this file
    sys.exit(main())
