"""Copy a sweep's `sweep.json` into `nbs/results/` with the command that trained it, merging it into a file
already published there when the sweep was trained in parts (the README and 06_ablations render these files).

    python tools/publish_sweep.py runs/ablations/cpu_1500/losses/sweep.json nbs/results/sweep_losses_cpu1500.json \
        --command 'run_named_sweep("losses", "cpu", ...)' [--merge]

Without --merge the output is the sweep.json with its command first (--replace to overwrite a published file); with
--merge the output's own entries are kept and the new ones added (merge_sweep_summaries refuses an entry both hold,
and parts of other seeds, training steps, columns, judge, report or notes). Run folders inside the project are named
relative to it.
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from animegan_keras.ablations import _shown_field, merge_sweep_summaries  # noqa: E402


def publish(sweep_json: Path, out: Path, command: str, merge: bool, replace: bool = False) -> dict:
    "The summary written to `out`: `sweep_json` with `command`, merged into what `out` holds when `merge`."
    part = json.loads(sweep_json.read_text())
    if "entries" not in part or "columns" not in part:
        raise SystemExit(f"{sweep_json} is not a sweep.json written by write_sweep_report (no 'entries' or 'columns')")
    part = {"command": command, **{k: v for k, v in part.items() if k not in ("command", "commands")}}
    for entry in part["entries"].values():   # as SweepResult.state writes them now (older sweep.json files hold absolute folders)
        entry["runs"] = {seed: {f: _shown_field(f, v) for f, v in run.items()} for seed, run in entry["runs"].items()}
    if merge:
        if not out.is_file(): raise SystemExit(f"--merge: {out} does not exist; publish the first part without --merge")
        part = merge_sweep_summaries(json.loads(out.read_text()), part)
    elif out.is_file() and not replace:
        raise SystemExit(f"{out} exists: --merge adds these entries to it, --replace overwrites it")
    out.write_text(json.dumps(part, indent=1, allow_nan=False))
    return part


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sweep_json", type=Path, help="the sweep.json a run_named_sweep call wrote")
    parser.add_argument("out", type=Path, help="the file under nbs/results/ to write")
    parser.add_argument("--command", required=True, help="the call that trained and scored this sweep.json's runs")
    parser.add_argument("--merge", action="store_true", help="add these entries to those `out` already holds")
    parser.add_argument("--replace", action="store_true", help="overwrite `out` with this sweep.json alone")
    args = parser.parse_args(argv)
    summary = publish(args.sweep_json, args.out, args.command, args.merge, args.replace)
    print(f"{args.out}: {', '.join(summary['entries'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
