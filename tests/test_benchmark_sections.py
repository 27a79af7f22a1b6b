"""tools/benchmark.py keeps the precision-dependent sections once per kind of CPU, and the README renders every kind's
rows labelled by its CPU (tools/render_readme.py): a run on an AVX2-only machine sits beside the AVX-512 one."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
try:
    import benchmark
    import render_readme
finally:
    sys.path.pop(0)

BF16 = {"avx512_bf16": True, "avx512f": True, "avx2": True}
AVX512 = {"avx512_bf16": False, "avx512f": True, "avx2": True}
AVX2 = {"avx512_bf16": False, "avx512f": False, "avx2": True}
ARM = {"avx512_bf16": False, "avx512f": False, "avx2": False, "model": "Neoverse-V1", "machine": "aarch64"}


def test_section_key_per_kind_of_cpu():
    keys = [benchmark.section_key("step_settings", cpu) for cpu in (BF16, AVX512, AVX2, ARM)]
    assert keys == ["step_settings", "step_settings_avx512", "step_settings_avx2", "step_settings_other"]
    assert benchmark.section_key("twin", AVX2) == "twin_avx2" and benchmark.section_key("batch_norm", AVX2) == "batch_norm_avx2"
    assert benchmark.section_key("edit_latency", AVX2) == "edit_latency"   # not a per-kind section: one, the latest
    assert benchmark.section_key("step_settings", {"avx512_bf16": True}) == "step_settings"   # an older record's fields


def test_every_kind_rendered_with_its_cpu(tmp_path, monkeypatch):
    def section(ms, cpu):
        names = ("float32, no XLA", "bfloat16, no XLA")
        return {"ms_per_step": dict(zip(names, ms)), "speedup_over_float32_no_xla": {n: ms[0] / m for n, m in zip(names, ms)},
                "first_call_s": dict.fromkeys(names, 5.0), "run": {"command": "python tools/benchmark.py --precision-only", "cpu": {"cores": 2, **cpu}}}
    results = {"step_settings": section((464.0, 312.0), {"avx512_bf16": True}), "step_settings_avx2": section((1190.0, 11767.0), AVX2),
               "step_settings_other": section((900.0, 450.0), ARM)}
    (tmp_path / "benchmark.json").write_text(json.dumps(results))
    monkeypatch.setattr(render_readme, "RESULTS", tmp_path)
    rows = [r for r in render_readme.benchmark_section().splitlines() if r.startswith("| `cpu` train step, bfloat16")]
    assert len(rows) == 3
    assert "1.49× float32" in rows[0] and rows[0].endswith("2 cores, avx512_bf16 |")
    assert "0.10× float32" in rows[1] and rows[1].endswith("2 cores, AVX2 only |")
    assert "2.00× float32" in rows[2] and rows[2].endswith("2 cores, Neoverse-V1 |")


def test_onednn_section_rendered_per_kind(tmp_path, monkeypatch):
    assert benchmark.section_key("onednn", AVX2) == "onednn_avx2" and benchmark.section_key("onednn", BF16) == "onednn"
    names = list(benchmark.ONEDNN_SETTINGS)
    ms = dict(zip(names, (1100.0, 1000.0, 1100.0, 1000.0, 800.0, 900.0)))
    section = {"ms_per_step": ms, "speedup_over_default": {n: 1100.0 / m for n, m in ms.items()},
               "speedup_each_round": {n: [1100.0 / m, 1.0] for n, m in ms.items()}, "share_of_matmul": dict.fromkeys(names, 0.5),
               "first_call_s": dict.fromkeys(names, 12.0), "default_onednn_on": False,
               "run": {"command": "python tools/benchmark.py --onednn-only", "cpu": {"cores": 2, **AVX2}, "onednn": True}}
    steps = {"ms_per_step": {"float32, no XLA": 800.0}, "speedup_over_float32_no_xla": {"float32, no XLA": 1.0},
             "first_call_s": {"float32, no XLA": 5.0}, "run": {"command": "make benchmark", "cpu": {"cores": 2, **AVX2}, "onednn": True}}
    (tmp_path / "benchmark.json").write_text(json.dumps({"onednn_avx2": section, "step_settings_avx2": steps}))
    monkeypatch.setattr(render_readme, "RESULTS", tmp_path)
    rows = [r for r in render_readme.benchmark_section().splitlines() if "× TensorFlow's default without XLA" in r]
    assert len(rows) == len(names)
    on = next(r for r in rows if "oneDNN on, no XLA" in r)
    assert "1.38× TensorFlow's default without XLA (oneDNN off by default on this CPU) (rounds 1.38×, 1.00×)" in on, on
    assert on.endswith("2 cores, AVX2 only |")
    assert "(rounds" not in next(r for r in rows if "TensorFlow's default, no XLA" in r)
    # the oneDNN section sets oneDNN per row, so its run's own state is not shown; another section's run says it
    assert "oneDNN on |" not in on and "oneDNN on, " not in on.rsplit("|", 2)[-2]
    step_row = next(r for r in render_readme.benchmark_section().splitlines() if r.startswith("| `cpu` train step, float32, no XLA |"))
    assert step_row.endswith("2 cores, AVX2 only, oneDNN on |"), step_row
