"""`tools/torch_twin.py`, the benchmark's PyTorch yardstick, must be the same step as the Keras one, or its timings
compare nothing: its check passes on the twin as written and fails on a twin broken in the forward pass or in the
optimizer. Needs torch (`pip install -e ".[twin]"`); skipped where it is not installed, as in `make test`.

Every test runs the check as the benchmark runs it before timing (batch 8, seed 0). The check is sensitive to the
draw: Adam's first step divides each gradient element by its own magnitude, so elements whose gradient is at the level
of float rounding move by a whole step either way. Rounding-level changes (TensorFlow's fused batch-norm kernel in
place of Keras's ops, 1e-6 apart in G's output) flip enough of them to fail the check at batch 4, and seed 2 at batch 8
fails it with either batch norm."""
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason='the PyTorch twin needs torch: pip install -e ".[twin]"')
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import torch_twin  # noqa: E402


def test_twin_is_exact():
    torch_twin.check_twin(batch=8, seed=0)


def test_check_fails_on_a_wrong_activation(monkeypatch):
    monkeypatch.setattr(torch_twin, "LEAKY_SLOPE", 0.1)
    with pytest.raises(AssertionError):
        torch_twin.check_twin(batch=8, seed=0)


def test_check_fails_on_a_wrong_adam_epsilon(monkeypatch):
    monkeypatch.setattr(torch_twin.KerasAdam.__init__, "__defaults__", (1e-6,))   # torch's placement of a larger epsilon
    with pytest.raises(AssertionError, match="update|loss"):
        torch_twin.check_twin(batch=8, seed=0)
