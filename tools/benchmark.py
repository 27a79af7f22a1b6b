"""`make benchmark`: the project's speed figures on this machine, printed (never asserted) and written to
nbs/results/benchmark.json, from which the README's speed table is rendered.

Renderer images/s (one core), input pipeline images/s beside the training step's (their ratio), train-step
images/s and share of this machine's float32 matmul FLOP/s (tiny and cpu presets), the cpu preset's step with
and without XLA and in float32 and bfloat16, interleaved in one run (their ratios are the figures to read: the
CPU differs between machines), and the latency of an edit with the shipped model (a 256 px portrait, a
1920x1080 poster with four faces, and the `animegan edit` command as a new process).

    python tools/benchmark.py                    # everything
    python tools/benchmark.py --precision-only   # the cpu preset's step: XLA or not, float32 or bfloat16
    python tools/benchmark.py --edit-only        # the edit latencies
    python tools/benchmark.py --memory-only      # peak memory of a process training each preset, per setting
    python tools/benchmark.py --twin-only        # the cpu step against its exact PyTorch twin (tools/torch_twin.py)
    python tools/benchmark.py --threads-only     # the cpu step under TensorFlow's thread-pool settings, a process each
    python tools/benchmark.py --batchnorm-only   # the cpu step with the fused batch norm against Keras's own layer
    python tools/benchmark.py --onednn-only      # the cpu step with oneDNN's kernels on and off, XLA or not, a process each
    python tools/benchmark.py --twin-only --repeats 5   # more interleaved rounds: a steadier median on a noisy machine
The PyTorch twin is measured only where torch is installed (`pip install -e ".[twin]"`, a pinned CPU build); it is
checked exact (tools/torch_twin.py --check) before it is timed.
Each run replaces the sections it measured in the results file and keeps the others (each section names its run); the
step settings, oneDNN, batch-norm and twin sections are kept once per kind of CPU (with avx512_bf16, AVX-512 without it,
AVX2 only, other)."""
import json
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "nbs" / "results" / "benchmark.json"
RESULTS = {}   # section -> figures measured in this run


def section(title): print(f"\n== {title}", flush=True)


def cpu_description() -> dict:
    "The CPU the figures were measured on (they are only comparable within one run)."
    import os
    from animegan_keras.train import cpu_flags   # the library's reading of /proc/cpuinfo (fit's bfloat16 warning uses it)
    model, flags = cpu_flags()
    info = {"machine": platform.machine(), "cores": None, "model": model, "avx512_bf16": None, "avx512f": None, "avx2": None}
    if hasattr(os, "sched_getaffinity"): info["cores"] = len(os.sched_getaffinity(0))   # the cores this process may use
    if flags: info.update({flag: flag in flags for flag in ("avx512_bf16", "avx512f", "avx2")})
    return info


# Sections that time bfloat16 beside float32 or XLA beside none (which is fastest depends on the kind of CPU): kept once
# per kind of CPU, so that a run on an AVX2-only machine sits beside the AVX-512 one instead of replacing it
PER_CPU_KIND = ("step_settings", "onednn", "batch_norm", "twin")


def cpu_kind(cpu: dict) -> str:
    "'' for a CPU with avx512_bf16 (the development machines' kind), else 'avx512' or 'avx2' (or 'other')."
    if cpu.get("avx512_bf16"): return ""
    return "avx512" if cpu.get("avx512f") else "avx2" if cpu.get("avx2") else "other"


def section_key(name: str, cpu: dict) -> str:
    "Where a section is kept in the results file: `name`, suffixed by the CPU's kind for PER_CPU_KIND sections."
    kind = cpu_kind(cpu) if name in PER_CPU_KIND else ""
    return f"{name}_{kind}" if kind else name


def write_results(argv):
    "Merge this run's sections into the results file."
    from animegan_keras.train import onednn_enabled
    old = json.loads(OUT.read_text()) if OUT.is_file() else {}
    # oneDNN as this process (and so every child but the oneDNN section's) ran: `make benchmark` turns it on, a bare run leaves TensorFlow's default
    run = {"command": " ".join(["python tools/benchmark.py", *argv]).strip(), "cpu": cpu_description(),
           "onednn": onednn_enabled(), "measured": datetime.now(timezone.utc).isoformat(timespec="minutes")}
    old.update({section_key(name, run["cpu"]): {**figures, "run": run} for name, figures in RESULTS.items()})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(old, indent=1, default=float))
    print(f"\nwritten: {OUT}")


def rounds_argument(argv) -> int:
    "`--repeats N`: rounds of each interleaved timing (default 2)."
    if "--repeats" not in argv: return 2
    i = argv.index("--repeats")
    value = argv[i + 1] if i + 1 < len(argv) else None
    if value is None or not value.isdigit() or int(value) < 1:
        raise SystemExit(f"--repeats expects a whole number of rounds >= 1. Received: --repeats {value}")
    return int(value)


def main():
    from animegan_keras.core import AttributeSchema
    from animegan_keras import synth
    schema, rng = AttributeSchema(), np.random.default_rng(0)
    repeats = rounds_argument(sys.argv[1:])
    if "--precision-only" in sys.argv[1:]:   # python tools/benchmark.py --precision-only: XLA or not, float32 or bfloat16
        return step_settings(repeats)
    if "--memory-only" in sys.argv[1:]:
        return peak_memory()
    if "--threads-only" in sys.argv[1:]:
        return thread_settings(repeats)
    if "--twin-only" in sys.argv[1:]:
        return twin(repeats)
    if "--batchnorm-only" in sys.argv[1:]:
        return batch_norm(repeats)
    if "--onednn-only" in sys.argv[1:]:
        return onednn_settings(repeats)
    if "--edit-only" in sys.argv[1:]:   # python tools/benchmark.py --edit-only: the edit latencies alone
        identities = [synth.sample_identity(i) for i in range(5)]
        return edit_latency(synth, identities, [synth.sample_attributes(rng, schema) for _ in identities])

    section("synthetic renderer, 128 px, this process (one core)")
    identities = [synth.sample_identity(i) for i in range(60)]
    attrs = [synth.sample_attributes(rng, schema) for _ in identities]
    synth.render(identities[0], attrs[0])  # warm caches
    start = time.perf_counter()
    for ident, a in zip(identities, attrs): synth.render(ident, a, size=128)
    render_rate = len(identities) / (time.perf_counter() - start)
    print(f"render: {render_rate:.0f} images/s")

    with tempfile.TemporaryDirectory() as tmp:
        section("dataset writing + tf.data pipeline, 128 px")
        start = time.perf_counter()
        folder = synth.write_synth_dataset(Path(tmp, "faces"), 600, size=128, seed=0, progress=False)
        write_rate = 600 / (time.perf_counter() - start)
        print(f"write_synth_dataset (all cores): {write_rate:.0f} images/s")
        from animegan_keras.data import load_dataset, pipeline_throughput
        rates = pipeline_throughput(load_dataset(folder), epochs=2, img_size=128, batch_size=32)
        print("make_tf_dataset: " + ", ".join(f"{r:.0f}" for r in rates) + " images/s (epochs 1, 2)")
        rates_64 = pipeline_throughput(load_dataset(folder), epochs=2, img_size=64, batch_size=32)
        print("make_tf_dataset resizing to 64 px (the cpu preset's size): " + ", ".join(f"{r:.0f}" for r in rates_64) + " images/s")
    RESULTS["data"] = {"render_images_per_s": render_rate, "write_images_per_s": write_rate,
                       "pipeline_images_per_s": {"first_epoch": rates[0], "cached": rates[1]},
                       "pipeline_64px_images_per_s": {"first_epoch": rates_64[0], "cached": rates_64[1]}}

    from animegan_keras.bench import benchmark_train_step
    from animegan_keras.train import TrainConfig
    for preset in ("tiny", "cpu"):
        section(f"train step, preset {preset} (one D update + one G update, XLA)")
        r = benchmark_train_step(TrainConfig.preset(preset, jit_compile=True), steps=5 if preset == "cpu" else 20, warmup=2)
        print(f"{r['images_per_s']:.1f} images/s, {r['step_s'] * 1e3:.0f} ms/step, compile {r['compile_s']:.0f} s; "
              f"{r['gflops_per_step']:.2f} GFLOP/step = {r['train_gflops_per_s']:.1f} GFLOP/s, "
              f"{100 * r['share_of_matmul']:.0f}% of numpy float32 matmul ({r['matmul_gflops_per_s']:.0f} GFLOP/s)")
        RESULTS.setdefault("train_step", {})[preset] = {k: r[k] for k in ("images_per_s", "step_s", "compile_s", "gflops_per_step",
                                                                          "train_gflops_per_s", "matmul_gflops_per_s", "share_of_matmul")}
    cpu_rate = RESULTS["train_step"]["cpu"]["images_per_s"]
    pipeline = RESULTS["data"]["pipeline_64px_images_per_s"]["cached"]
    RESULTS["data"]["pipeline_over_training"] = pipeline / cpu_rate   # must stay >= 10: the pipeline never starves a step
    print(f"\ninput pipeline ÷ cpu train step, both at 64 px: {pipeline / cpu_rate:.0f}x (10x or more: the step never waits)")

    step_settings(repeats)
    onednn_settings(repeats)
    batch_norm(repeats)
    thread_settings(repeats)
    twin(repeats)
    edit_latency(synth, identities, attrs)
    peak_memory()


# (preset, XLA, precision, reuse_fakes): with reused edits, D's update runs while G's tape holds G's activations
MEMORY_SETTINGS = [("cpu", True, False, False), ("cpu", False, False, False), ("cpu", False, "bfloat16", False), ("cpu", False, False, True),
                   ("real", False, False, False), ("real", False, "bfloat16", False),
                   ("paper", True, False, False), ("paper", False, False, False), ("paper", False, "bfloat16", False),
                   ("paper", False, False, True)]

def memory_child(preset: str, jit: bool, precision, reuse_fakes: bool = False):
    "In a fresh process: build the preset's GAN and run two train steps on random data; print the peak resident memory."
    import keras
    import tensorflow as tf
    from animegan_keras.core import AttributeSchema
    from animegan_keras.train import TrainConfig, build_gan, precision_policy, random_train_batch
    keras.mixed_precision.set_global_policy(precision_policy(precision)[0])
    config, schema = TrainConfig.preset(preset, jit_compile=jit, mixed_precision=precision, reuse_fakes=reuse_fakes), AttributeSchema()
    gan = build_gan(config, schema)
    x, att = random_train_batch(config, schema)
    rows = int(x.shape[0])
    step = tf.function(gan.train_step, jit_compile=jit)
    start = time.perf_counter()
    for _ in range(2): float(step((x, att))["g/loss"])
    print(json.dumps({"peak_rss_gb": _peak_rss_kb() / 1e6, "two_steps_s": time.perf_counter() - start,
                      "img_size": config.img_size, "batch": rows}))


def _peak_rss_kb() -> float:
    "This process's peak resident memory in kB: VmHWM (reset by exec), else ru_maxrss (which a child inherits from its parent)."
    try:
        return float(next(l.split()[1] for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM:")))
    except (OSError, StopIteration):
        import resource
        return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_memory():
    """Peak resident memory of a process that trains each preset (two steps, random data) under each setting, one fresh
    process per setting so that nothing is shared; the ratio to the same preset's float32-without-XLA process is the
    figure to compare."""
    section("peak memory of a training process (two steps), per preset and setting")
    out = {}
    for preset, jit, precision, reuse in MEMORY_SETTINGS:
        name = f"{preset}, {'bfloat16' if precision == 'bfloat16' else 'float32'}, {'XLA' if jit else 'no XLA'}" + (", fakes reused" if reuse else "")
        out[name] = _child_json("--memory-child", preset, str(jit), str(precision), str(reuse))
        if isinstance(out[name], str):
            print(f"{name}: failed ({out.pop(name)})"); continue
        base = out.get(f"{preset}, float32, no XLA")
        ratio = f" = {out[name]['peak_rss_gb'] / base['peak_rss_gb']:.2f}x float32 without XLA" if base else ""
        print(f"{name}: peak {out[name]['peak_rss_gb']:.2f} GB{ratio} (batch {out[name]['batch']} at {out[name]['img_size']} px, "
              f"two steps {out[name]['two_steps_s']:.0f} s)")
    RESULTS["peak_memory"] = out


def step_settings(repeats=2):
    """The `cpu` preset's train step with and without XLA, in float32 and bfloat16 (`mixed_precision="bfloat16"`,
    through `train.precision_policy`), and with G's step reusing D's edits (`reuse_fakes`), interleaved so that all see the same machine; the ratios are the figures to read
    (XLA helped on AVX2-only machines and hurt on some AVX-512 ones; bfloat16 pays off on CPUs with avx512_bf16/AMX)."""
    import keras
    from animegan_keras.bench import benchmark_train_step
    from animegan_keras.train import TrainConfig, precision_policy
    section("train step, preset cpu: XLA or not, float32 or bfloat16 (interleaved)")
    # (precision, XLA, reuse_fakes): the last is another step (one pass of G fewer, 03b_gan), not another computation of it
    settings = {"float32, XLA": (False, True, False), "float32, no XLA": (False, False, False), "bfloat16, no XLA": ("bfloat16", False, False),
                "float32, no XLA, fakes reused": (False, False, True)}
    times, shares, compile_s = {name: [] for name in settings}, {name: [] for name in settings}, {}
    try:
        for _ in range(repeats):
            for name, (precision, jit, reuse) in settings.items():
                keras.mixed_precision.set_global_policy(precision_policy(precision)[0])
                config = TrainConfig.preset("cpu", jit_compile=jit, mixed_precision=precision, reuse_fakes=reuse)
                r = benchmark_train_step(config, steps=5, warmup=2)
                times[name].append(r["step_s"]); shares[name].append(r["share_of_matmul"]); compile_s.setdefault(name, r["compile_s"])
    finally: keras.mixed_precision.set_global_policy("float32")
    median = {name: statistics.median(ts) for name, ts in times.items()}
    base = median["float32, no XLA"]
    for name, t in median.items():
        print(f"{name}: {t * 1e3:.0f} ms/step ({base / t:.2f}x float32 without XLA, {100 * statistics.median(shares[name]):.0f}% of numpy's "
              f"float32 matmul FLOP/s; runs {'/'.join(f'{x * 1e3:.0f}' for x in times[name])} ms; first call {compile_s[name]:.0f} s)")
    best = min(median, key=median.get)
    print(f"fastest here: {best}")
    each_round = {n: [b / t for b, t in zip(times["float32, no XLA"], ts)] for n, ts in times.items()}   # the same round's float32
    RESULTS["step_settings"] = {"ms_per_step": {n: 1e3 * t for n, t in median.items()},
                                "speedup_over_float32_no_xla": {n: base / t for n, t in median.items()},
                                "speedup_each_round": each_round,
                                "share_of_matmul": {n: statistics.median(v) for n, v in shares.items()},
                                "first_call_s": compile_s, "fastest": best, "repeats": repeats}


def batch_norm(repeats=2):
    """The `cpu` step (no XLA) with `animegan_keras.layers.BatchNormalization` (one TensorFlow kernel each way; what G and C use)
    against the same step built with Keras's own `BatchNormalization`, in float32 and bfloat16, interleaved: each round
    times the two builds back to back, which goes first alternating from round to round (a drifting machine favours
    neither), so each round's ratio compares like with like."""
    from unittest import mock

    import keras
    from animegan_keras import layers as project_layers
    from animegan_keras.bench import benchmark_train_step
    from animegan_keras.train import TrainConfig, precision_policy
    section("train step, preset cpu: the fused batch norm against Keras's BatchNormalization (interleaved)")
    builds = {"fused": project_layers.BatchNormalization, "keras": keras.layers.BatchNormalization}
    precisions = ("float32", "bfloat16")
    times = {(p, b): [] for p in precisions for b in builds}
    try:
        for round_ in range(repeats):
            order = list(builds) if round_ % 2 == 0 else list(builds)[::-1]
            for precision, build in [(p, b) for p in precisions for b in order]:
                keras.mixed_precision.set_global_policy(precision_policy(precision)[0])
                with mock.patch.object(project_layers, "BatchNormalization", builds[build]):   # what _make_normalization builds
                    config = TrainConfig.preset("cpu", jit_compile=False, mixed_precision=precision)
                    times[precision, build].append(benchmark_train_step(config, steps=5, warmup=2, flops=False)["step_s"])
                print(f"  {precision}, {build} batch norm: {times[precision, build][-1] * 1e3:.0f} ms/step", flush=True)
    finally: keras.mixed_precision.set_global_policy("float32")
    out = {"ms_per_step": {}, "ms_per_step_each_round": {}, "fused_speedup": {}, "fused_speedup_each_round": {}, "repeats": repeats}
    for precision in precisions:
        rounds = [k / f for k, f in zip(times[precision, "keras"], times[precision, "fused"])]
        for build in builds:
            out["ms_per_step"][f"{precision}, {build}"] = 1e3 * statistics.median(times[precision, build])
            out["ms_per_step_each_round"][f"{precision}, {build}"] = [1e3 * t for t in times[precision, build]]
        out["fused_speedup"][precision], out["fused_speedup_each_round"][precision] = statistics.median(rounds), rounds
        print(f"{precision}: the fused batch norm makes the step {statistics.median(rounds):.2f}x as fast "
              f"(rounds {', '.join(f'{r:.2f}' for r in rounds)})")
    RESULTS["batch_norm"] = out


THREAD_SETTINGS = {"TensorFlow's default": (0, 0), "inter-op 1, intra-op all cores": (1, None),
                   "inter-op all cores, intra-op 1": (None, 1), "inter-op 1, intra-op 1": (1, 1)}

def threads_child(inter: int, intra: int):
    "In a fresh process: set TensorFlow's thread pools, then time the cpu preset's step (float32, no XLA) and numpy's matmul."
    import tensorflow as tf
    tf.config.threading.set_inter_op_parallelism_threads(inter)
    tf.config.threading.set_intra_op_parallelism_threads(intra)
    from animegan_keras.bench import benchmark_train_step
    from animegan_keras.train import TrainConfig
    r = benchmark_train_step(TrainConfig.preset("cpu", jit_compile=False), steps=5, warmup=2)
    print(json.dumps({k: r[k] for k in ("step_s", "share_of_matmul", "matmul_gflops_per_s")}))


def _child_json(*args, env=None) -> dict | str:
    "Run this file as a fresh process with `args` (and `env`, default this one's); its last JSON line as a dict, or, when it failed, its last line of output."
    import subprocess
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    line = next((l for l in reversed(done.stdout.splitlines()) if l.startswith("{")), None)
    if done.returncode or line is None: return str((done.stderr or done.stdout).strip().splitlines()[-1:])
    return json.loads(line)


def thread_settings(repeats=2):
    """The `cpu` step (float32, no XLA) under TensorFlow's thread-pool settings (0: TensorFlow chooses), one fresh process
    per setting and round (the pools are fixed when TensorFlow starts), rounds interleaved; ratios to the default."""
    import os
    section("train step, preset cpu, float32 without XLA: TensorFlow's thread pools (a process each, interleaved)")
    cores = len(os.sched_getaffinity(0))
    times, shares = {n: [] for n in THREAD_SETTINGS}, {n: [] for n in THREAD_SETTINGS}
    for _ in range(repeats):
        for name, (inter, intra) in THREAD_SETTINGS.items():
            args = [str(cores if v is None else v) for v in (inter, intra)]
            r = _child_json("--threads-child", *args)
            if isinstance(r, str):   # the other sections of a full run are still written
                print(f"not measured: {name}: the child failed: {r}")
                return
            times[name].append(r["step_s"]); shares[name].append(r["share_of_matmul"])
    median = {n: statistics.median(t) for n, t in times.items()}
    base = median["TensorFlow's default"]
    for name, t in median.items():
        print(f"{name}: {t * 1e3:.0f} ms/step ({base / t:.2f}x the default; runs {'/'.join(f'{x * 1e3:.0f}' for x in times[name])} ms; "
              f"{100 * statistics.median(shares[name]):.0f}% of numpy's float32 matmul FLOP/s, which each process measures once: noisy)")
    RESULTS["thread_settings"] = {"ms_per_step": {n: 1e3 * t for n, t in median.items()},
                                  "speedup_over_default": {n: base / t for n, t in median.items()},
                                  "share_of_matmul": {n: statistics.median(v) for n, v in shares.items()},
                                  "cores": cores, "repeats": repeats}


ONEDNN_SETTINGS = {"TensorFlow's default, no XLA": (None, False), "TensorFlow's default, XLA": (None, True),
                   "oneDNN off, no XLA": ("0", False), "oneDNN off, XLA": ("0", True),
                   "oneDNN on, no XLA": ("1", False), "oneDNN on, XLA": ("1", True)}

def onednn_child(jit: bool):
    "In a fresh process (TF_ENABLE_ONEDNN_OPTS as the parent set it): time the cpu preset's step (float32) and say whether oneDNN is on."
    from animegan_keras.bench import benchmark_train_step
    from animegan_keras.train import TrainConfig, onednn_enabled
    r = benchmark_train_step(TrainConfig.preset("cpu", jit_compile=jit), steps=5, warmup=2)
    print(json.dumps({**{k: r[k] for k in ("step_s", "compile_s", "share_of_matmul")}, "onednn": onednn_enabled()}))


def onednn_settings(repeats=2):
    """The `cpu` step (float32) with TensorFlow's oneDNN kernels as TensorFlow chooses them, forced off and forced on
    (`TF_ENABLE_ONEDNN_OPTS`, read once when TensorFlow starts: one fresh process per setting and round), with and
    without XLA, rounds interleaved; ratios to TensorFlow's default without XLA, each round's to its own."""
    import os
    from animegan_keras.train import ONEDNN_VARIABLE
    section("train step, preset cpu, float32: oneDNN's kernels as TensorFlow chooses, off, on; XLA or not (a process each, interleaved)")
    times, shares, compile_s, state = ({n: [] for n in ONEDNN_SETTINGS} for _ in range(4))
    for _ in range(repeats):
        for name, (value, jit) in ONEDNN_SETTINGS.items():
            env = {k: v for k, v in os.environ.items() if k != ONEDNN_VARIABLE}
            if value is not None: env[ONEDNN_VARIABLE] = value
            r = _child_json("--onednn-child", str(jit), env=env)
            if isinstance(r, str):   # the other sections of a full run are still written
                print(f"not measured: {name}: the child failed: {r}")
                return
            times[name].append(r["step_s"]); shares[name].append(r["share_of_matmul"])
            compile_s[name].append(r["compile_s"]); state[name].append(r["onednn"])
            print(f"  {name}: {r['step_s'] * 1e3:.0f} ms/step", flush=True)
    base_name = "TensorFlow's default, no XLA"
    median = {n: statistics.median(t) for n, t in times.items()}
    each_round = {n: [b / t for b, t in zip(times[base_name], ts)] for n, ts in times.items()}
    default_on = state[base_name][0]
    said = {True: "on", False: "off"}   # onednn_enabled() answers None where TensorFlow does not say
    for name, t in median.items():
        print(f"{name}: {t * 1e3:.0f} ms/step ({median[base_name] / t:.2f}x TensorFlow's default without XLA; rounds "
              f"{', '.join(f'{r:.2f}x' for r in each_round[name])}; {100 * statistics.median(shares[name]):.0f}% of numpy's "
              f"float32 matmul FLOP/s; oneDNN {said.get(state[name][0], 'unknown')})")
    print(f"TensorFlow's default here: oneDNN {said.get(default_on, 'unknown')}; "
          f"fastest: {min(median, key=median.get)}")
    RESULTS["onednn"] = {"ms_per_step": {n: 1e3 * t for n, t in median.items()},
                         "speedup_over_default": {n: median[base_name] / t for n, t in median.items()},
                         "speedup_each_round": each_round,
                         "share_of_matmul": {n: statistics.median(v) for n, v in shares.items()},
                         "first_call_s": {n: statistics.median(v) for n, v in compile_s.items()},
                         "onednn_on": {n: v[0] for n, v in state.items()}, "default_onednn_on": default_on,
                         "fastest": min(median, key=median.get), "repeats": repeats}


def twin(repeats=2):
    """The `cpu` step (no XLA) against its exact PyTorch twin, float32 and bfloat16, interleaved in one run: the twin is
    first proved exact (forward outputs, losses and one step's updates, `torch_twin.check_twin`), then timed."""
    import importlib.util
    import os
    section("train step, preset cpu, against its PyTorch twin (interleaved)")
    if importlib.util.find_spec("torch") is None:
        print('not measured: torch is not installed (pip install -e ".[twin]": a pinned CPU build)')
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import torch
    import torch_twin
    try: torch_twin.check_twin()
    except AssertionError as error:   # a twin that is not exact times nothing worth comparing; the other sections still count
        print(f"not measured: the twin is not exact with torch {torch.__version__} ({error})")
        return
    load = os.getloadavg()[0]   # before timing: what else was running
    median, rounds = torch_twin.time_settings(repeats=repeats)
    pairs = {"float32": ("keras float32, no XLA", "torch twin float32"),
             "bfloat16": ("keras bfloat16, no XLA", "torch twin bfloat16, channels_last")}
    RESULTS["twin"] = {"ms_per_step": {n: 1e3 * t for n, t in median.items()},
                       "ms_per_step_each_round": {n: [1e3 * t for t in ts] for n, ts in rounds.items()},
                       "keras_speedup_over_twin": {p: median[t] / median[k] for p, (k, t) in pairs.items()},
                       "keras_speedup_over_twin_each_round": {p: [a / b for a, b in zip(rounds[t], rounds[k])] for p, (k, t) in pairs.items()},
                       "torch": torch.__version__, "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "unset"),
                       "load_average_before": load, "repeats": repeats}


def _median_s(fn, repeats):
    "Median seconds of `repeats` calls of `fn` after one warm call (the first builds the detector and traces the generator)."
    from animegan_keras.bench import timed   # the benchmarks' timer
    fn()
    return statistics.median(timed(fn) for _ in range(repeats))


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
    latency = RESULTS["edit_latency"] = {"forward_pass_ms": forward * 1e3, "img_size": size}
    real = shared_data_dir("illustrations")
    portrait_file = sorted(real.glob("*.png"))[0] if real is not None else None
    portrait = (np.asarray(Image.open(portrait_file).convert("RGB").resize((256, 256))) if portrait_file is not None
                else synth.render(identities[0], attrs[0], size=256))
    what = "a real 256 px portrait" if portrait_file is not None else "a synthetic 256 px face (no ../shared/data)"
    faces = editor.find_faces(portrait)
    if faces:
        t = _median_s(lambda: editor.edit_illustration(portrait, {"blonde_hair": 1.0}), 10)
        print(f"{what}, blonde_hair=1: median {t * 1e3:.0f} ms = {t / forward:.1f} forward passes")
        latency["portrait"] = {"what": what, "ms": t * 1e3, "forward_passes": t / forward}
    else: print(f"{what}: the cascade found no face; skipped")
    poster = np.full((1080, 1920, 3), 235, np.uint8)
    for k in range(4):   # four synthetic faces of 256 px across the poster
        poster[300 + 200 * (k % 2):556 + 200 * (k % 2), 150 + 430 * k:406 + 430 * k] = synth.render(identities[k + 1], attrs[k + 1], size=256)
    found = len(editor.find_faces(poster))
    t_detect = _median_s(lambda: editor.find_faces(poster), 5)
    t = _median_s(lambda: editor.edit_illustration(poster, {"blonde_hair": 1.0}), 5)
    print(f"1920x1080 poster, {found} of 4 faces found: detection {t_detect * 1e3:.0f} ms, the whole edit {t * 1e3:.0f} ms "
          f"= {t / forward:.1f} forward passes ({t_detect / t:.0%} of it detection)")
    latency["poster"] = {"faces_found": found, "of": 4, "ms": t * 1e3, "forward_passes": t / forward, "detection_share": t_detect / t}
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
    latency["command"] = {"s": cli, "imports_s": imports}


if __name__ == "__main__":  # write_synth_dataset starts worker processes that import this file
    if sys.argv[1:2] == ["--memory-child"]:
        preset, jit, precision, reuse = sys.argv[2:6]
        memory_child(preset, jit == "True", {"False": False, "True": True}.get(precision, precision), reuse == "True")
        sys.exit(0)
    if sys.argv[1:2] == ["--threads-child"]:
        threads_child(int(sys.argv[2]), int(sys.argv[3]))
        sys.exit(0)
    if sys.argv[1:2] == ["--onednn-child"]:
        onednn_child(sys.argv[2] == "True")
        sys.exit(0)
    main()
    write_results(sys.argv[1:])
