"""tools/publish_sweep.py: a sweep trained in parts is published as one file, each part's command kept, no entry twice."""
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
try:
    import publish_sweep
finally:
    sys.path.pop(0)
from animegan_keras.ablations import SweepResult, render_sweep, sweep_summary  # noqa: E402


def part(tmp_path, psnrs, steps=1500):
    """The sweep.json of a `losses` sweep holding the entries of `psnrs` (entry -> PSNR per seed), as run_named_sweep writes it:
    a part without the sweep's baseline `gan` is compared with its first entry."""
    runs = {e: {s: {"status": "trained", "run_dir": str(ROOT / "runs" / e / f"seed_{s}"), "seconds": 1.0, "error": None,
                    "results": {"reconstruction": {"psnr": p, "ssim": 0.9}, "editing": {"mean_accuracy": 0.8}, "training": {"steps": steps}}}
                for s, p in enumerate(values)} for e, values in psnrs.items()}
    baseline = "gan" if "gan" in psnrs else next(iter(psnrs))
    summary = sweep_summary(SweepResult("losses", tmp_path, seeds=(0, 1, 2), baseline=baseline, runs=runs), ["psnr", "accuracy"])
    path = tmp_path / f"{'_'.join(psnrs)}_{steps}.json"
    path.write_text(json.dumps(summary))
    return path


def test_parts_merge_into_one_table_with_both_commands(tmp_path):
    out = tmp_path / "published.json"
    publish_sweep.main([str(part(tmp_path, {"gan": (25.0, 26.0, 27.0)})), str(out), "--command", "first call"])
    second = part(tmp_path, {"hinge": (28.0, 28.5, 29.0), "lsgan": (25.0, 25.5, 26.0)})
    assert json.loads(second.read_text())["baseline"] == "hinge"   # its stand-in
    publish_sweep.main([str(second), str(out), "--command", "second call", "--merge"])
    merged = json.loads(out.read_text())
    assert merged["commands"] == ["first call", "second call"] and list(merged)[0] == "commands"
    assert list(merged["entries"]) == ["gan", "lsgan", "hinge"] and merged["baseline"] == "gan"   # the sweep's order and baseline
    assert merged["entries"]["lsgan"]["figures"]["psnr"]["vs_baseline"]["verdict"] == "tie"
    assert merged["entries"]["hinge"]["runs"]["0"]["run_dir"] == "runs/hinge/seed_0"   # no home folder in a published file
    assert merged["entries"]["hinge"]["figures"]["psnr"]["vs_baseline"]["verdict"] == "higher"   # drawn across the parts
    assert "| hinge | 28.50 ± 0.50 (3 seeds), higher |" in render_sweep(merged)


def test_an_entry_in_both_parts_is_refused_and_the_file_kept(tmp_path):
    out = tmp_path / "published.json"
    gan = part(tmp_path, {"gan": (25.0, 26.0, 27.0)})
    publish_sweep.main([str(gan), str(out), "--command", "first call"])
    before = out.read_text()
    with pytest.raises(ValueError, match="entry 'gan' is in two of the summaries"):
        publish_sweep.main([str(gan), str(out), "--command", "again", "--merge"])
    assert out.read_text() == before


def test_merge_needs_a_published_file(tmp_path):
    with pytest.raises(SystemExit, match="does not exist"):
        publish_sweep.main([str(part(tmp_path, {"gan": (25.0, 26.0, 27.0)})), str(tmp_path / "none.json"), "--command", "c", "--merge"])


def test_a_part_trained_for_other_steps_is_refused(tmp_path):
    out = tmp_path / "published.json"
    publish_sweep.main([str(part(tmp_path, {"gan": (25.0, 26.0, 27.0)})), str(out), "--command", "first call"])
    with pytest.raises(ValueError, match="differ in 'steps'"):
        publish_sweep.main([str(part(tmp_path, {"hinge": (28.0, 28.5, 29.0)}, steps=400)), str(out), "--command", "c", "--merge"])


def test_a_published_file_is_not_overwritten_without_replace(tmp_path):
    out = tmp_path / "published.json"
    gan = part(tmp_path, {"gan": (25.0, 26.0, 27.0)})
    publish_sweep.main([str(gan), str(out), "--command", "first call"])
    with pytest.raises(SystemExit, match="--replace overwrites it"):
        publish_sweep.main([str(gan), str(out), "--command", "again"])
    publish_sweep.main([str(gan), str(out), "--command", "again", "--replace"])
    assert json.loads(out.read_text())["command"] == "again"
