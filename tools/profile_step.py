"""`make profile`: where the time of one train step goes, per op group, measured with TensorFlow's profiler.

A preset's train step (made-up batches of its shape, as `bench.benchmark_train_step` times it) runs a few times
under `tf.profiler.experimental`; xprof (from PyPI) turns the trace into TensorFlow's per-op table, and every op's
self-time is put in three groupings: what kind of op it is (convolutions forward, transposed convolutions, their
gradients, normalization, elementwise, data movement, the optimiser), which network it belongs to (G, D, C: read
from the op's name scope) and which pass it belongs to (forward; backward; the second derivative that the gradient
penalty needs, a gradient of a gradient). `IDLE` is time the profiler saw a thread pool waiting: on two cores, a
large idle share means the step does not keep both cores busy.

The result goes to `nbs/results/profile_<preset>.json` (the README's table *Where a train step's time goes* is
rendered from it):

    python tools/profile_step.py                 # the cpu preset, float32, no XLA (an XLA step is one opaque cluster)
    python tools/profile_step.py --precision bfloat16
    python tools/profile_step.py --loss wgan_gp   # with the gradient penalty's second derivative
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "nbs" / "results"

# op type -> group; the type is TensorFlow's (oneDNN's `_MklNative...` variants are mapped to the plain op first)
GROUPS = {
    "convolution": ("Conv2D", "FusedConv2D", "DepthwiseConv2dNative"),
    "convolution gradients": ("Conv2DBackpropFilter", "Conv2DBackpropFilterWithBias", "Conv2DBackpropInput"),
    "normalization": ("FusedBatchNormV3", "FusedBatchNormGradV3", "Rsqrt", "SquaredDifference", "Mean", "Variance"),
    "matmul": ("MatMul", "FusedMatMul", "BatchMatMulV2"),
    "elementwise": ("Mul", "AddV2", "Add", "Sub", "RealDiv", "Neg", "Square", "Sqrt", "Exp", "Log", "Log1p", "Softplus",
                    "Sigmoid", "SigmoidGrad", "Tanh", "TanhGrad", "LeakyRelu", "LeakyReluGrad", "Relu", "ReluGrad", "Maximum",
                    "Minimum", "SelectV2", "Select", "Cast", "BiasAdd", "BiasAddGrad", "AddN", "Abs", "Sign", "Pow",
                    "ZerosLike", "OnesLike", "Fill", "Greater", "Less", "GreaterEqual", "LessEqual", "Equal", "LogicalAnd",
                    "IsNan", "Softsign", "Reciprocal", "ReciprocalGrad", "SqrtGrad", "RsqrtGrad", "Floor", "FloorMod"),
    "reductions": ("Sum", "Max", "Min", "Prod", "ArgMax", "All", "Any"),
    "data movement": ("ConcatV2", "Concat", "Slice", "StridedSlice", "StridedSliceGrad", "Tile", "Transpose", "Pad", "PadV2",
                      "MirrorPad", "Reshape", "Split", "SplitV", "Pack", "Unpack", "Identity", "GatherV2", "ScatterNd",
                      "BroadcastTo", "ExpandDims", "Squeeze", "Shape", "ReverseV2", "ResizeBilinear", "ResizeNearestNeighbor"),
    "optimizer and variables": ("ReadVariableOp", "AssignVariableOp", "AssignAddVariableOp", "AssignSubVariableOp",
                                "ResourceApplyAdam", "VarHandleOp"),
    "random numbers": ("StatelessRandomUniformV2", "StatelessRandomNormalV2", "StatelessRandomGetKeyCounter",
                       "RandomShuffle", "StatelessShuffle", "RandomUniform"),
    "waiting (IDLE)": ("IDLE",),
}
GROUP_OF = {op: group for group, ops in GROUPS.items() for op in ops}


def op_type(name: str) -> str:
    "TensorFlow's op type without oneDNN's prefixes: `_MklNativeConv2D` -> `Conv2D`."
    for prefix in ("_MklNative", "_Mkl"):
        if name.startswith(prefix): return name[len(prefix):]
    return name


def group_of(kind: str, name: str) -> str:
    "The op group of an op; a transposed convolution's forward pass is Conv2DBackpropInput outside a gradient tape."
    if kind == "Conv2DBackpropInput" and "conv_transpose" in name and "gradient_tape" not in name:
        return "transposed convolution"
    return GROUP_OF.get(kind, "other")


def network_of(name: str) -> str:
    for net in ("generator", "discriminator", "classifier"):
        if net in name: return net
    return "IDLE" if name == "IDLE" else "outside the networks (losses, penalties, optimizers)"


def pass_of(name: str) -> str:
    n = name.count("gradient_tape")
    return "IDLE" if name == "IDLE" else "forward" if n == 0 else "backward" if n == 1 else "second derivative (gradient penalty)"


def op_rows(xplane_paths: list[str]) -> list[dict]:
    "TensorFlow's per-op table (framework_op_stats) of a trace, as dicts."
    from xprof.convert import raw_to_tool_data
    data, _ = raw_to_tool_data.xspace_to_tool_data(xplane_paths, "framework_op_stats", {})
    table = json.loads(data)
    table = table[0] if isinstance(table, list) else table
    cols = [c["id"] for c in table["cols"]]
    return [{k: (c or {}).get("v") for k, c in zip(cols, row["c"])} for row in table["rows"]]


def shares(rows: list[dict], key) -> dict:
    "Self-time per key(row) as a share of all self-time, largest first."
    totals = collections.Counter()
    for r in rows: totals[key(r)] += r["total_self_time"] or 0.0
    whole = sum(totals.values()) or 1.0
    return {k: v / whole for k, v in totals.most_common()}


def profile(preset: str, steps: int, precision: str, jit: bool, loss: str | None = None) -> dict:
    import keras
    import tensorflow as tf
    from animegan_keras.bench import timed
    from animegan_keras.core import AttributeSchema
    from animegan_keras.train import TrainConfig, precision_policy, random_train_batch, time_train_step
    config = TrainConfig.preset(preset, jit_compile=jit, mixed_precision=precision if precision != "float32" else False,
                                **({"loss": loss} if loss else {}))
    keras.mixed_precision.set_global_policy(precision_policy(config.mixed_precision)[0])
    schema = AttributeSchema()
    timing, gan = time_train_step(config, schema, steps)   # unprofiled, for reference: timed as every benchmark times it
    step_s = timing["step_s"]
    x, att = random_train_batch(config, schema)
    step = tf.function(gan.train_step, jit_compile=jit)
    float(step((x, att))["g/loss"])   # this function's trace (and compile) happens before the profiler starts
    with tempfile.TemporaryDirectory() as logdir:
        tf.profiler.experimental.start(logdir)
        profiled_s = timed(lambda: [float(step((x, att))["g/loss"]) for _ in range(steps)]) / steps
        tf.profiler.experimental.stop()
        rows = op_rows(glob.glob(f"{logdir}/**/*.xplane.pb", recursive=True))
    if not rows: raise SystemExit("the profiler recorded no op: nothing to report")
    top = sorted(rows, key=lambda r: -(r["total_self_time"] or 0))[:15]
    whole = sum(r["total_self_time"] or 0 for r in rows) or 1.0
    return {
        "command": "python tools/profile_step.py" + (f" --preset {preset}" if preset != "cpu" else "")
                   + (f" --precision {precision}" if precision != "float32" else "") + (" --jit" if jit else "")
                   + (f" --loss {loss}" if loss else "") + (f" --steps {steps}" if steps != 5 else ""),
        "machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(), "tensorflow": tf.__version__},
        "preset": preset, "loss": config.loss, "gradient_penalty": gan.penalty, "precision": precision, "jit_compile": jit, "steps": steps,
        "step_s": step_s, "profiled_step_s": profiled_s,
        "by_group": shares(rows, lambda r: group_of(op_type(r["type"]), r["operation"])),
        "by_network": shares(rows, lambda r: network_of(r["operation"])),
        "by_pass": shares(rows, lambda r: pass_of(r["operation"])),
        "by_type": dict(list(shares(rows, lambda r: op_type(r["type"])).items())[:20]),
        "top_ops": [{"type": op_type(r["type"]), "name": r["operation"], "share": (r["total_self_time"] or 0) / whole} for r in top],
        "other_types": sorted({op_type(r["type"]) for r in rows if group_of(op_type(r["type"]), r["operation"]) == "other"}),
        "measured": time.strftime("%Y-%m-%d %H:%M"),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="cpu")
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--precision", default="float32", choices=("float32", "bfloat16"))
    parser.add_argument("--jit", action="store_true", help="compile with XLA (the trace then shows one cluster, not the ops)")
    parser.add_argument("--loss", default=None, help="another adversarial loss than the preset's (wgan_gp: with its gradient penalty)")
    args = parser.parse_args(argv)
    try: import xprof  # noqa: F401
    except ImportError: parser.error("xprof is missing: `make profile` installs it (pip install 'xprof>=2.20,<3')")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    result = profile(args.preset, args.steps, args.precision, args.jit, args.loss)
    print(f"{args.preset} train step, {args.precision}{', XLA' if args.jit else ''}: {1e3 * result['step_s']:.0f} ms "
          f"({1e3 * result['profiled_step_s']:.0f} ms while profiled)")
    for title, key in (("op group", "by_group"), ("network", "by_network"), ("pass", "by_pass"), ("op type (top 20)", "by_type")):
        print(f"\nby {title}:")
        for name, share in result[key].items(): print(f"  {100 * share:5.1f}%  {name}")
    suffix = ("" if args.precision == "float32" else f"_{args.precision}") + ("_xla" if args.jit else "") + (f"_{args.loss}" if args.loss else "")
    out = RESULTS / f"profile_{args.preset}{suffix}.json"
    out.write_text(json.dumps(result, indent=1))
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
