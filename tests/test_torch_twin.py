"""`tools/torch_twin.py`, the benchmark's PyTorch yardstick, must be the same step as the Keras one, or its timings
compare nothing: its check passes on the twin as written and fails on a twin broken in the forward pass or in the
optimizer. Needs torch (`pip install -e ".[twin]"`); skipped where it is not installed, as in `make test`.

Every test but one runs the check as the benchmark runs it before timing (batch 8, seed 0). At some draws two float32
computations of G's update do not match to the fixed limits: TensorFlow's own two CPU kernel libraries (oneDNN's and
Eigen's) move G's update apart by 0.26% to 0.97% of its norm there, and by 0.006% or less at the other draws tried. The check measures
that floor in the same run (the Keras step again on the other kernels) and holds each row to the larger of its fixed
limit and four times the floor: at batch 8, seed 2 the fixed limit on G's kernels alone fails for the twin and the
floor lets it pass; at the benchmark's draw the floor is small and the fixed limits hold. A wrong Adam epsilon
fails on D's, C's and G's kernels."""
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason='the PyTorch twin needs torch: pip install -e ".[twin]"')
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import torch_twin  # noqa: E402


def test_twin_is_exact():
    result = torch_twin.check_twin(batch=8, seed=0)
    limits = {r["what"]: r["limit"] for r in result["rows"]}
    assert limits["G kernels: relative to the update"] == 1e-3   # the floor is small at this draw: the fixed limits hold


def test_check_fails_on_a_wrong_activation(monkeypatch):
    monkeypatch.setattr(torch_twin, "LEAKY_SLOPE", 0.1)
    with pytest.raises(AssertionError):
        torch_twin.check_twin(batch=8, seed=0)


def test_check_fails_on_a_wrong_adam_epsilon(monkeypatch):
    monkeypatch.setattr(torch_twin.KerasAdam.__init__, "__defaults__", (1e-6,))   # torch's placement of a larger epsilon
    failures = torch_twin.check_twin(batch=8, seed=0, strict=False)["failures"]
    for net in ("D", "C", "G"): assert any(f.startswith(f"{net} kernels") for f in failures), (net, failures)


def test_twin_is_exact_at_a_draw_where_rounding_moves_g():
    result = torch_twin.check_twin(batch=8, seed=2)   # raises if any row passes its limit
    g_kernels = next(r for r in result["rows"] if r["what"] == "G kernels: relative to the update")
    floor = result["floors"]["G kernels"]["update"]
    assert g_kernels["limit"] == pytest.approx(max(1e-3, 4 * floor))
    assert floor > 1e-3   # TensorFlow's own two kernel libraries disagree beyond the fixed limit at this draw

