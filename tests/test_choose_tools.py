"""The rules of tools/choose_cpu_steps.py and tools/choose_cpu_lr.py, which pick the `cpu` preset's settings on validation faces,
and of tools/localize_real_measure.py, which picks the `real` model's localisation."""
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
try:
    import choose_cpu_lr
    import choose_cpu_steps
    import localize_real_measure
finally:
    sys.path.pop(0)


def stage(psnr, accuracy):
    return {"psnr": {"mean": psnr}, "mean_accuracy": {"mean": accuracy}}


def test_the_rule_takes_the_best_editor_among_candidates_reaching_the_psnr_target():
    stages = {400: stage(25.0, 0.90), 600: stage(26.1, 0.79), 800: stage(26.9, 0.75), 1000: stage(27.5, 0.76)}
    assert choose_cpu_steps.choose(stages, 26.0) == 600        # 400 edits best but misses the target
    assert choose_cpu_steps.choose(stages, 27.0) == 1000       # only 1000 reaches 27 dB


def test_a_tie_in_editing_accuracy_goes_to_the_first_candidate():
    assert choose_cpu_steps.choose({400: stage(26.5, 0.8), 600: stage(27.0, 0.8)}, 26.0) == 400   # fewer steps: cheaper


def test_the_rule_falls_back_to_the_best_psnr_when_none_reaches_the_target():
    stages = {400: stage(24.0, 0.90), 600: stage(25.5, 0.70)}
    assert choose_cpu_steps.choose(stages, 26.0) == 600


def test_a_score_by_another_judge_does_not_count(tmp_path):
    judge = SimpleNamespace(heldout_accuracy={"blonde_hair": 1.0, "smile": 0.575})
    path = tmp_path / "results.json"
    assert not choose_cpu_steps.scored_by(path, judge)         # missing: to be scored
    path.write_text(json.dumps({"judge": {"heldout_accuracy": {"blonde_hair": 1.0, "smile": 0.575}}}))
    assert choose_cpu_steps.scored_by(path, judge)
    path.write_text(json.dumps({"judge": {"heldout_accuracy": {"blonde_hair": 1.0, "smile": 0.5}}}))
    assert not choose_cpu_steps.scored_by(path, judge)         # an older judge: scored again
    path.write_text(json.dumps({"reconstruction": {}}))
    assert not choose_cpu_steps.scored_by(path, judge)         # no judge recorded: scored again


def test_the_learning_rate_study_uses_the_steps_studys_rule_and_judge_check():
    assert choose_cpu_lr.choose is choose_cpu_steps.choose and choose_cpu_lr.scored_by is choose_cpu_steps.scored_by


@pytest.mark.parametrize("module, argv, message", [
    (choose_cpu_steps, ["--stages", "400"], "two or more positive step counts"),
    (choose_cpu_steps, ["--stages", "0", "400"], "two or more positive step counts"),
    (choose_cpu_lr, ["--lrs", "5e-4"], "two or more learning rates"),
    (choose_cpu_lr, ["--lrs", "5e-4", "2"], "must be in (0, 1)"),
])
def test_bad_arguments_are_named_before_anything_trains(module, argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        module.main(argv)
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_the_localisation_grid_holds_the_baselines_and_only_valid_settings():
    from animegan_keras.edit import check_localize
    grid = localize_real_measure.candidates()
    assert grid["none"] == ("none", {}) and grid["color"] == ("color", {})   # the baselines every table shows
    for mode, settings in grid.values(): check_localize(mode, settings)        # each one an editor accepts


def test_the_localisation_card_section_names_the_choice_and_its_file():
    result = json.loads((ROOT / "nbs" / "results" / "localize_real.json").read_text())
    section = localize_real_measure.card_section(result)
    mode, settings = result["candidates"][result["chosen"]]
    assert section.startswith("## Where edits land\n") and f"`{mode}` mask" in section
    assert "animegan_real.localize.json" in section and section.count("| swaps shown |") == 4
    assert all(f"{k}={v}" in section for k, v in settings.items())
