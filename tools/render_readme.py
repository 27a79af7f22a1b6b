"""Render the README's measured sections from the result files the project wrote, so that no figure is typed.

    python tools/render_readme.py           # rewrite the sections between <!-- results:NAME --> markers
    python tools/render_readme.py --check   # exit 1 when the README differs from what the files say (make test)

Each section names the file and the command that wrote it."""
import json
import re
import sys
from pathlib import Path

from animegan_keras.evaluate import _num_ci, _pct, _pct_ci   # the results tables' own formats
from animegan_keras.crop import sweep_table
from animegan_keras.real import combined_markdown, threshold_phrase

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RESULTS = ROOT / "nbs" / "results"


def _f(x, scale=1, digits=1): return f"{scale * x[0]:.{digits}f} [{scale * x[1]:.{digits}f}, {scale * x[2]:.{digits}f}]"


def _color(table: dict) -> dict:
    "The `color` mode's entry; files written before the project settled on one spelling call it `colour`."
    return table["color"] if "color" in table else table["colour"]


def localize_section() -> str:
    d = json.loads((RESULTS / "localize.json").read_text())
    syn, por = d["synthetic"]["test"]["summary"], d["portraits"]
    lines = [f"Measured by `{d['command']}` → `nbs/results/localize.json` (model: {d['model'].split(' ')[0]}; settings chosen on "
             f"validation faces, reported on {syn['none']['hair']['background']['leak'][3]} synthetic test faces and "
             f"{por['pictures'] - por['no_face']} real portraits; bootstrap 95% intervals):", "",
             "| edit | measure | `localize=\"none\"` | `localize=\"color\"` (`LOCALIZE_DEFAULTS`, the `synth` model's) |", "|---|---|---|---|"]
    for edit in ("hair", "eyes"):
        for key, what in (("leak", "change outside the attribute's true region, face on a background (grey levels)"),
                          ("strength", "change inside it (grey levels)")):
            lines.append(f"| synthetic, {edit} colour | {what} | {_f(syn['none'][edit]['background'][key], digits=2)} | "
                         f"{_f(_color(syn)[edit]['background'][key], digits=2)} |")
    for edit in ("blonde_hair=1", "red_eyes=1"):
        lines.append(f"| real portraits, `{edit}` | pixels moved by more than {por['threshold']} levels | "
                     f"{_f(por['summary']['none'][edit]['changed'], 100)}% | {_f(_color(por['summary'])[edit]['changed'], 100)}% |")
    for name, other in d.get("portraits_by_model", {}).items():   # the same portraits and settings, another shipped model
        for edit in ("blonde_hair=1", "red_eyes=1"):
            lines.append(f"| real portraits, `{edit}`, model `{name}` | pixels moved by more than {other['threshold']} levels | "
                         f"{_f(other['summary']['none'][edit]['changed'], 100)}% | {_f(_color(other['summary'])[edit]['changed'], 100)}% |")
            lines.append(f"| real portraits, `{edit}`, model `{name}` | portraits the edit left as they were | "
                         f"{_f(other['summary']['none'][edit]['untouched'], 100)}% | {_f(_color(other['summary'])[edit]['untouched'], 100)}% |")
    lines += ["", "Rows without a model name: the `synth` model. " + " ".join(
        f"Rows for `{name}`: `{other['command']}` ({other['pictures'] - other['no_face']} portraits, the settings chosen above)."
        for name, other in d.get("portraits_by_model", {}).items())]
    return "\n".join(lines)


def real_model_section() -> str:
    path = RESULTS / "real_model.json"
    if not path.is_file(): return "No real model has been released yet (`make real-data && make default-model`)."
    d = json.loads(path.read_text())
    rec, groups, data = d["reconstruction"], d["editing"]["groups"], d["data"]
    lines = [f"Measured by `{d['command']}` → `nbs/results/real_model.json` and `animegan_keras/assets/animegan_real.card.md`: "
             f"{d['steps']} steps in {d['train_seconds'] / 60:.0f} minutes on 2 CPU cores; {data['labeled_splits']['train']} labelled "
             f"+ {data['pseudo_kept']} pseudo-labelled training faces ({threshold_phrase(data)}); evaluated on the "
             f"{d['editing']['images']} labelled test faces that nothing trained on, by a judge trained on the labelled "
             "training faces (bootstrap 95% intervals).", "",
             "| figure | measured | doing nothing | the judge's ceiling | goal |", "|---|---|---|---|---|",
             f"| reconstruction PSNR | {_num_ci(rec['psnr'], rec.get('psnr_ci'))} dB | | | ≥ 30 dB |",
             f"| reconstruction SSIM | {_num_ci(rec['ssim'], rec.get('ssim_ci'), 3)} | | | |"]
    for g, goal in (("hair", 0.9), ("eyes", 0.7)):
        if g not in groups: continue
        v = groups[g]
        lines.append(f"| {g}-colour swaps | {_pct_ci(v['mean_accuracy'], v.get('mean_accuracy_ci'))} | {_pct(v['mean_baseline'])} | "
                     f"{_pct(v['mean_judge_ceiling'])} | ≥ {100 * goal:.0f}% of the ceiling "
                     f"({_pct(v['mean_accuracy'] / v['mean_judge_ceiling'] if v['mean_judge_ceiling'] else None)} now) |")
    return "\n".join(lines)


def _sweep_section(sweep: str, file: str, what: str, missing_label: str = "Not run with several seeds yet") -> str:
    "A sweep's table from its copied sweep.json, with the command that wrote it, rendered by the sweep's own renderer."
    path = RESULTS / file
    if not path.is_file(): return f"{missing_label}."
    from animegan_keras.ablations import missing_entries, sweep_commands, sweep_markdown   # the sweep's own renderer, from the file alone
    d = json.loads(path.read_text())
    if d["name"] != sweep: raise ValueError(f"nbs/results/{file} holds sweep {d['name']!r}, expected {sweep!r}")
    missing = missing_entries(d)
    commands = sweep_commands(d)
    source = ("a copy of the sweep's `sweep.json`" if len(commands) == 1 else
              "the sweep's parts, each a `sweep.json`, merged by `merge_sweep_summaries` with `tools/publish_sweep.py`")
    return (f"Measured by {' and '.join(f'`{c}`' for c in commands)} → `nbs/results/{file}` ({source}): {what}"
            + (f" {missing_label}: {', '.join(f'`{e}`' for e in missing)}." if missing else "")
            + "\n\n" + sweep_markdown(path))

CPU400 = ("the `cpu` sweep scale (the `cpu` preset at learning rate 5e-4) stopped at 400 steps, synthetic faces at 64 px, every run scored on the same test faces by one judge; "
          "mean ± std over the seeds.")
def sweep_losses_section() -> str: return _sweep_section("losses", "sweep_losses_cpu400.json", CPU400)
_CPU1500_SCALE = ("the `cpu` sweep scale (the `cpu` preset at learning rate 5e-4) trained for 1,500 steps, where editing accuracy has "
                  "settled on the validation learning curve (`cpu_curve.json`), synthetic faces at 64 px, every run scored on the same test "
                  "faces by ")
CPU1500 = _CPU1500_SCALE + "the judge of the 400-step table; mean ± std over the seeds."
# a sweep trained after that judge was lost is scored by one trained again the same way (not bit-identical: other machine, other run)
CPU1500_OWN_JUDGE = _CPU1500_SCALE + "a judge trained again as the 400-step table's was (its held-out accuracy is under the table); mean ± std over the seeds."
def sweep_losses_1500_section() -> str: return _sweep_section("losses", "sweep_losses_cpu1500.json", CPU1500, "Not trained at 1,500 steps yet")
def sweep_precision_section() -> str: return _sweep_section("precision", "sweep_precision_cpu400.json", CPU400)
def sweep_fakes_section() -> str: return _sweep_section("fakes", "sweep_fakes_cpu400.json", CPU400)
def sweep_fakes_1500_section() -> str: return _sweep_section("fakes", "sweep_fakes_cpu1500.json", CPU1500, "Not trained at 1,500 steps yet")
def sweep_part_masks_1500_section() -> str: return _sweep_section("part_masks", "sweep_part_masks_cpu1500.json", CPU1500, "Not trained at 1,500 steps yet")
def sweep_gating_section() -> str: return _sweep_section("gating", "sweep_gating_cpu400.json", CPU400)
def sweep_gating_1500_section() -> str: return _sweep_section("gating", "sweep_gating_cpu1500.json", CPU1500_OWN_JUDGE, "Not trained at 1,500 steps yet")
def sweep_state_mode_section() -> str: return _sweep_section("state_mode", "sweep_state_mode_cpu400.json", CPU400)
def sweep_variants_section() -> str: return _sweep_section("variants", "sweep_variants_cpu400.json", CPU400)
def sweep_part_masks_section() -> str: return _sweep_section("part_masks", "sweep_part_masks_cpu400.json", CPU400)


def _choice_section(file: str, tool: str) -> str:
    "A setting chosen on validation (the length or the learning rate), or the learning curve, rendered as 06_ablations renders it."
    path = RESULTS / file
    if not path.is_file(): return f"Not measured yet (`python tools/{tool}`)."
    from animegan_keras.ablations import choice_markdown   # 06_ablations renders the same file with it
    return choice_markdown(json.loads(path.read_text()))

def cpu_steps_section() -> str: return _choice_section("cpu_steps.json", "choose_cpu_steps.py")
def cpu_lr_section() -> str: return _choice_section("cpu_lr.json", "choose_cpu_lr.py")
def cpu_curve_section() -> str: return _choice_section("cpu_curve.json", "choose_cpu_steps.py --curve")


def combined_section() -> str:
    path = RESULTS / "combined_model.json"
    if not path.is_file(): return "Not measured yet (`python tools/combined_measure.py`)."
    d = json.loads(path.read_text())
    return (f"Measured by `{d['command']}` → `nbs/results/combined_model.json`, on validation faces only; bootstrap 95% "
            "intervals over faces.\n\n" + combined_markdown(d))


def detection_section() -> str:
    path = RESULTS / "detection.json"
    if not path.is_file(): return "Not measured yet (`python tools/detection_measure.py`)."
    d = json.loads(path.read_text())
    p, s = d["portraits"], d["synthetic"]
    settings = ", ".join(f"{k}={v}" for k, v in s["settings"].items())
    return (f"Measured by `{d['command']}` → `nbs/results/detection.json` ({d['measured'][:10]}): the {p['images']} real "
            f"portraits of `{p['folder']}` (one character each) under each setting of `crop.DETECTOR_SETTINGS`; a portrait "
            "counts when at least one box is found, and every box beyond one is an extra (false) one. The speeds were "
            f"measured on {d.get('cores', '?')} cores, shared with other work.\n\n" + sweep_table(p["sweep"]) +
            f"\n\nThe defaults ({settings}) find a face in {100 * s['with_face']:.1f}% of {s['images']} synthetic "
            f"{s['size']} px faces (`synth.render`).")


def reading_section() -> str:
    path = RESULTS / "reading.json"
    if not path.is_file(): return "Not measured yet (`python tools/reading_measure.py`)."
    from animegan_keras.edit import SURE_ABOVE
    from animegan_keras.real import reading_tables, signed_points
    d = json.loads(path.read_text())
    val = "; ".join(f"{g} {signed_points(v)}" for g, v in d["val"]["gain"].items())
    verdict = "it ships beside the model and reads every face" if d["reader_shipped"] else "it did not win, so the editor reads with C"
    return (f"Measured by `{d['command']}` → `nbs/results/reading.json` ({d['measured'][:10]}): how often the shipped `{d['model']}` "
            f"model's classifier C and a reader trained apart on the {d['reader']['train_faces']} labelled training faces read a face "
            f"right (the one member per exclusive group taken as on is the tagged one). The choice was made on the {d['val']['faces']} "
            f"validation faces ({d['rule']}): reader − C: {val}; {verdict}. The tables report the {d['test']['faces']} labelled "
            f"`test` faces of `{d['folder']}`, which nothing trained on; a reading is sure when the member kept is above "
            f"{SURE_ABOVE:g}, and `animegan edit` notes the groups it is unsure of; bootstrap 95% intervals over faces.\n\n"
            + reading_tables(d))


def unsure_section() -> str:
    path = RESULTS / "unsure_source.json"
    if not path.is_file(): return "Not measured yet (`python tools/unsure_measure.py`)."
    from animegan_keras.real import signed_points
    d = json.loads(path.read_text())
    rows = ["| faces read unsure | edits from the guess | from the probabilities | from the true tags | probabilities − guess, face by face |",
            "|---|---|---|---|---|"]
    for split, name in (("val", "validation"), ("test", "test")):
        for group, g in d[split]["groups"].items():
            if not g["unsure_faces"]: rows.append(f"| {name}, {group} (0) | – | – | – | – |"); continue
            rows.append(f"| {name}, {group} ({g['unsure_faces']}) | " + " | ".join(f"{_pct_ci(g['swap'][k]['mean'], g['swap'][k]['interval'])}"
                        for k in ("guess", "soft", "tags")) + f" | {signed_points(g['gain']['soft - guess'])} |")
    return (f"Measured by `{d['command']}` → `nbs/results/unsure_source.json` ({d['measured'][:10]}): on the labelled faces whose "
            f"reading is unsure, a swap to every other colour of the group through `Editor.edit` (intensity 1, no localisation), "
            f"judged by a classifier trained apart from the reader (seed {d['judge']['seed']}); the validation faces chose "
            f"`unsure=\"{d['choice']}\"` ({d['rule']}), the test faces report; bootstrap 95% intervals over faces.\n\n" + "\n".join(rows)
            + agreement(d))


def localize_real_section() -> str:
    path = RESULTS / "localize_real.json"
    if not path.is_file(): return "Not measured yet (`python tools/localize_real_measure.py`)."
    from animegan_keras.edit import localize_real_table   # 10_edit renders the same file with it
    d = json.loads(path.read_text())
    v, t = d["val_counts"], d["test_counts"]
    return (f"Measured by `{d['command']}` → `nbs/results/localize_real.json` ({d['measured'][:10]}), model `{d['model']}`: per face and "
            f"group, one swap to a colour drawn at random among those the face is not tagged with (labelled crops) or not read as "
            f"(whole portraits), judged by a classifier trained apart from the model (seed {d['judge']['seed']}); a pixel moves when "
            f"a channel changes by more than {d['moved_levels']} grey levels. Chosen on the validation halves ({v['crops']} labelled "
            f"crops, {v['pictures']} portraits, {len(v['pictures_without_face'])} without a face found) among {len(d['candidates'])} candidates by the rule: {d['rule']}. Chosen: "
            f"**{d['chosen']}** for all groups" + "".join(f", **{n}** for the {g}" for g, n in d.get("chosen_by_group", {}).items()) + f". The table reports the test halves ({t['crops']} labelled crops, {t['pictures']} portraits, {len(t['pictures_without_face'])} without a face found); "
            f"bootstrap 95% intervals over faces.\n\n" + localize_real_table(d) + localize_real_summary(d))


def localize_real_summary(d: dict) -> str:
    "The hair figures the choice was made for, in words, from the same file."
    t, by_group = d["test"], {g: d.get("chosen_by_group", {}).get(g, d["chosen"]) for g in ("hair", "eyes")}
    pct = lambda kind, group, name, key: f"{100 * t[kind][group][by_group[group] if name == 'choice' else name][key][0]:.1f}%"
    return (f"\n\nOn the test halves the hair's choice shows the asked colour on {pct('crops', 'hair', 'choice', 'success')} of labelled "
            f"crops (colour mode {pct('crops', 'hair', 'color', 'success')}, no localisation {pct('crops', 'hair', 'none', 'success')}) "
            f"and on {pct('pictures', 'hair', 'choice', 'success')} of portraits (colour mode {pct('pictures', 'hair', 'color', 'success')}), "
            f"and moves {pct('crops', 'hair', 'choice', 'moved')} of a crop's pixels (no localisation {pct('crops', 'hair', 'none', 'moved')}, "
            f"colour mode {pct('crops', 'hair', 'color', 'moved')}); an eye-colour edit moves {pct('crops', 'eyes', 'choice', 'moved')} "
            f"(no localisation {pct('crops', 'eyes', 'none', 'moved')}, colour mode {pct('crops', 'eyes', 'color', 'moved')}) and shows "
            f"the asked colour on {pct('crops', 'eyes', 'choice', 'success')} of labelled crops (no localisation "
            f"{pct('crops', 'eyes', 'none', 'success')}, colour mode {pct('crops', 'eyes', 'color', 'success')}).")


def agreement(d: dict) -> str:
    "How independent the edit judge is of the reader, on the unedited unsure faces (older files do not say)."
    parts = [f"{name} {group}: {100 * g['judge_agrees_with_reader']:.0f}% and {100 * g['judge_names_the_tag']:.0f}%"
             for split, name in (("val", "validation"), ("test", "test")) for group, g in d[split]["groups"].items()
             if g.get("judge_agrees_with_reader") is not None]
    if not parts: return ""
    return ("\n\nThe judge is the reader's architecture on the same training faces with another seed, so its mistakes may be the "
            "reader's: on the unedited unsure faces it names the reader's colour, and the tagged colour, on " + "; ".join(parts) + ".")


def course_section() -> str:
    "The course map, from the front-door notebook nbs/index.ipynb (its one home), with links that work from the README."
    cells = json.loads((ROOT / "nbs" / "index.ipynb").read_text())["cells"]
    text = next("".join(c["source"]) for c in cells if c["cell_type"] == "markdown" and "| notebook |" in "".join(c["source"]))
    table = [line for line in text.splitlines() if line.startswith("|")]
    return "\n".join(re.sub(r"\]\(([0-9][^)]*\.ipynb)\)", r"](nbs/\1)", line) for line in table)


def twin_check_section() -> str:
    "The PyTorch twin's exactness check at several draws: G's update against Keras', beside Keras' own float32 noise floor."
    path = RESULTS / "twin_check.json"
    if not path.is_file(): return "Not measured yet (`python tools/torch_twin.py --check-draws`)."
    d = json.loads(path.read_text())
    pct = lambda v: f"{100 * v:.3f}%"
    rows = [f"Measured by `{d['command']}` → `nbs/results/twin_check.json` (torch {d['torch']}, {d['cpu'].get('cores')} cores, "
            f"{d['measured'][:10]}). G's update: the twin's difference from the Keras step and the noise floor (the same Keras step on "
            "TensorFlow's other CPU kernels, Eigen's instead of oneDNN's), each relative to the update's norm; a row's limit is the "
            f"larger of its fixed limit and {d['draws'][0]['floor_factor']:g}× the floor.", "",
            "| batch, seed | G kernels: twin | floor | limit | G biases, gammas, betas: twin | floor | limit | D and C: worst row / its limit | passed |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in d["draws"]:
        by = {row["what"]: row for row in r["rows"]}
        cells = [f"{r['batch']}, {r['seed']}"]
        for group, label in (("G kernels", "G kernels: relative to the update"), ("G biases/gammas/betas", "G biases/gammas/betas: relative to the update")):
            floor = r["floors"][group]
            cells += [pct(by[label]["difference"]), pct(floor["update"]), pct(by[label]["limit"])]
        dc = [row for row in r["rows"] if row["what"].split(" ")[0] in ("D", "C") or row["what"].startswith(("updated D", "updated C"))]
        worst = max(dc, key=lambda row: row["difference"] / row["limit"])
        cells += [f"{worst['difference'] / worst['limit']:.2f}", "yes" if r["passed"] else "no: " + "; ".join(r["failures"])]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def benchmark_section() -> str:
    path = RESULTS / "benchmark.json"
    if not path.is_file(): return "Not measured yet (`make benchmark`)."
    d = json.loads(path.read_text())
    rows = ["| section | figure | ratio measured in the same run | run |", "|---|---|---|---|"]
    def run_of(sec, onednn=True):   # onednn=False: the section sets oneDNN itself, per row
        cpu = sec["run"]["cpu"]   # older runs recorded avx512_bf16 alone, and not oneDNN
        isa = (", avx512_bf16" if cpu.get("avx512_bf16") else ", AVX-512 without bf16" if cpu.get("avx512f")
               else ", AVX2 only" if cpu.get("avx2") else f", {cpu.get('model') or cpu.get('machine')}" if cpu.get("avx2") is False else "")
        state = sec["run"].get("onednn") if onednn else None
        return (f"`{sec['run']['command']}`, {cpu.get('cores')} cores{isa}" + ("" if state is None else f", oneDNN {'on' if state else 'off'}")
                + (f", {sec['run']['measured'][:10]}" if sec["run"].get("measured") else ""))
    if "data" in d:
        x = d["data"]
        rows.append(f"| input pipeline, 64 px, cached | {x['pipeline_64px_images_per_s']['cached']:.0f} images/s | "
                    f"{x['pipeline_over_training']:.0f}× the `cpu` train step's images/s (goal ≥ 10×) | {run_of(x)} |")
        rows.append(f"| synthetic renderer, 128 px, one core | {x['render_images_per_s']:.0f} images/s | | {run_of(x)} |")
    for preset, r in d.get("train_step", {}).items():
        if preset == "run": continue
        rows.append(f"| `{preset}` train step, XLA, float32 | {1e3 * r['step_s']:.0f} ms ({r['images_per_s']:.1f} images/s) | "
                    f"{100 * r['share_of_matmul']:.0f}% of numpy's float32 matmul FLOP/s ({r['matmul_gflops_per_s']:.0f} GFLOP/s) | {run_of(d['train_step'])} |")
    def per_kind(name):   # a section kept once per kind of CPU (benchmark.section_key): name, then name_<kind>
        return [d[k] for k in sorted(d) if k == name or k.startswith(name + "_")]
    for x in per_kind("step_settings"):
        for name, ms in x["ms_per_step"].items():
            share, rounds = x.get("share_of_matmul", {}).get(name), x.get("speedup_each_round", {}).get(name)
            each = f" (rounds {', '.join(f'{r:.2f}×' for r in rounds)})" if rounds and name != "float32, no XLA" else ""
            rows.append(f"| `cpu` train step, {name} | {ms:.0f} ms | {x['speedup_over_float32_no_xla'][name]:.2f}× float32 without XLA{each}"
                        + (f", {100 * share:.0f}% of numpy's float32 matmul FLOP/s" if share is not None else "")
                        + f" (first call {x['first_call_s'][name]:.0f} s) | {run_of(x)} |")
    for x in per_kind("onednn"):   # TF_ENABLE_ONEDNN_OPTS, a process per setting (benchmark.onednn_settings)
        default = {True: "on", False: "off"}.get(x.get("default_onednn_on"), "unknown")
        for name, ms in x["ms_per_step"].items():
            each = "" if name == "TensorFlow's default, no XLA" else f" (rounds {', '.join(f'{r:.2f}×' for r in x['speedup_each_round'][name])})"
            rows.append(f"| `cpu` train step, float32, {name} | {ms:.0f} ms | {x['speedup_over_default'][name]:.2f}× TensorFlow's default "
                        f"without XLA (oneDNN {default} by default on this CPU){each}, {100 * x['share_of_matmul'][name]:.0f}% of numpy's "
                        f"float32 matmul FLOP/s (first call {x['first_call_s'][name]:.0f} s) | {run_of(x, onednn=False)} |")
    for x in per_kind("batch_norm"):
        for precision, speedup in x["fused_speedup"].items():
            rounds = ", ".join(f"{r:.2f}×" for r in x["fused_speedup_each_round"][precision])
            rows.append(f"| `cpu` train step, {precision}, no XLA, G's and C's batch norm fused | {x['ms_per_step'][f'{precision}, fused']:.0f} ms | "
                        f"{speedup:.2f}× the step with Keras's `BatchNormalization` ({x['ms_per_step'][f'{precision}, keras']:.0f} ms; rounds {rounds}) | {run_of(x)} |")
    if "thread_settings" in d:
        x = d["thread_settings"]
        for name, ms in x["ms_per_step"].items():
            rows.append(f"| `cpu` train step, float32, no XLA, thread pools: {name} | {ms:.0f} ms | {x['speedup_over_default'][name]:.2f}× "
                        f"TensorFlow's default | {run_of(x)} |")
    for x in per_kind("twin"):
        for name, ms in x["ms_per_step"].items():
            precision = "bfloat16" if "bfloat16" in name else "float32"
            rounds = x.get("keras_speedup_over_twin_each_round", {}).get(precision)
            each = f"rounds {', '.join(f'{r:.2f}×' for r in rounds)}; " if rounds else ""
            ratio = (f"Keras {x['keras_speedup_over_twin'][precision]:.2f}× as fast as the twin ({each}goal ≥ 1.2×)"
                     if name.startswith("torch") else "")
            label = name.replace("torch twin", "PyTorch " + x["torch"] + " twin")
            rows.append(f"| `cpu` train step, {label} | {ms:.0f} ms | {ratio} | {run_of(x)} |")
    if "edit_latency" in d:
        x = d["edit_latency"]
        rows.append(f"| generator forward pass, one {x['img_size']} px face | {x['forward_pass_ms']:.0f} ms | the unit of the next rows | {run_of(x)} |")
        if "portrait" in x:
            rows.append(f"| edit, {x['portrait']['what']} | {x['portrait']['ms']:.0f} ms | {x['portrait']['forward_passes']:.1f} forward passes | {run_of(x)} |")
        rows.append(f"| edit, 1920×1080 poster, {x['poster']['faces_found']} of {x['poster']['of']} faces found | {x['poster']['ms']:.0f} ms | "
                    f"{x['poster']['forward_passes']:.1f} forward passes, {100 * x['poster']['detection_share']:.0f}% of it detection | {run_of(x)} |")
        rows.append(f"| `animegan edit`, a new process | {x['command']['s']:.1f} s | {100 * x['command']['imports_s'] / x['command']['s']:.0f}% "
                    f"of it starting Python and importing TensorFlow | {run_of(x)} |")
    for name, m in d.get("peak_memory", {}).items():
        if name in ("run",): continue
        base = d["peak_memory"].get(name.split(",")[0] + ", float32, no XLA")
        ratio = f"{m['peak_rss_gb'] / base['peak_rss_gb']:.2f}× the same preset in float32 without XLA" if base and base is not m else ""
        rows.append(f"| peak memory, training `{name.split(',')[0]}` ({m['batch']} images of {m['img_size']} px per step),"
                    f"{name.split(',', 1)[1]} | {m['peak_rss_gb']:.1f} GB | {ratio} | {run_of(d['peak_memory'])} |")
    return ("Measured by `make benchmark` (`python tools/benchmark.py`) → `nbs/results/benchmark.json`. Absolute times depend on "
            "the CPU and on what else runs; the ratios are measured in the same run and are the figures to compare.\n\n"
            + "\n".join(rows))


PROFILES = (("float32", "profile_cpu.json"), ("bfloat16", "profile_cpu_bfloat16.json"), ("float32, WGAN-GP", "profile_cpu_wgan_gp.json"))


def profile_section() -> str:
    "Where the cpu preset's train step spends its time, from tools/profile_step.py's files."
    loaded = [(label, json.loads((RESULTS / f).read_text())) for label, f in PROFILES if (RESULTS / f).is_file()]
    if not loaded: return "Not measured yet (`make profile`)."
    lines = ["Measured by " + ", ".join(f"`{d['command']}`" for _, d in loaded) + " → `nbs/results/profile_cpu*.json`: the "
             f"`cpu` preset's train step without XLA, {loaded[0][1]['steps']} profiled steps after two warm-up steps; each figure is a share of "
             "the ops' self-time (TensorFlow's profiler, per-op table by xprof). These are shares, not speeds: another training "
             "job shared the two cores while they were measured (the speed table above has the step times).", "",
             "| share of a step's time | " + " | ".join(label for label, _ in loaded) + " |", "|---" * (len(loaded) + 1) + "|"]
    for title, key in (("op group", "by_group"), ("network", "by_network"), ("pass", "by_pass")):
        names = list(dict.fromkeys(n for _, d in loaded for n in d[key]))
        for name in names:
            values = [d[key].get(name, 0.0) for _, d in loaded]
            if max(values) < 0.005: continue
            lines.append(f"| {title}: {name} | " + " | ".join(f"{100 * v:.1f}%" for v in values) + " |")
    return "\n".join(lines)


SECTIONS = {"course": course_section, "detection": detection_section, "reading": reading_section, "unsure": unsure_section, "localize": localize_section, "localize_real": localize_real_section, "real_model": real_model_section, "combined": combined_section,
            "sweep_losses": sweep_losses_section, "sweep_losses_1500": sweep_losses_1500_section, "sweep_gating": sweep_gating_section, "sweep_gating_1500": sweep_gating_1500_section, "sweep_state_mode": sweep_state_mode_section,
            "sweep_variants": sweep_variants_section, "sweep_part_masks": sweep_part_masks_section, "sweep_part_masks_1500": sweep_part_masks_1500_section,
            "sweep_precision": sweep_precision_section, "sweep_fakes": sweep_fakes_section, "sweep_fakes_1500": sweep_fakes_1500_section, "benchmark": benchmark_section, "twin_check": twin_check_section, "profile": profile_section,
            "cpu_steps": cpu_steps_section, "cpu_lr": cpu_lr_section, "cpu_curve": cpu_curve_section}


def render(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- results:{name} -->\n)(?:.*?\n)?(<!-- /results:{name} -->)", re.S)
        if not pattern.search(text): raise SystemExit(f"README.md has no <!-- results:{name} --> section")
        text = pattern.sub(lambda m: m.group(1) + make() + "\n" + m.group(2), text)
    return text


if __name__ == "__main__":
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in sys.argv[1:]:
        if wanted != current:
            print("render_readme: README.md's measured sections differ from nbs/results/*.json: run python tools/render_readme.py")
            sys.exit(1)
        print("render_readme: README.md's measured sections match nbs/results/*.json")
    else:
        README.write_text(wanted, encoding="utf-8")
        print("render_readme: README.md rewritten from nbs/results/*.json")
