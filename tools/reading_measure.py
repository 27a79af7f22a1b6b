"""How often the shipped `real` model reads a face's hair and eye colour right, with its classifier C and with a reader
trained apart for that job; the reader ships beside the model only where it reads the validation faces better
(`real.release_real_reader`, nbs/09a_real, *Reading a face*). Writes the numbers (never pictures) to
nbs/results/reading.json, the reader to animegan_keras/assets/animegan_real.reader.keras when it wins, and the model
card's section on reading.

    python tools/reading_measure.py                          # train (or reuse runs/real_reader), decide on val, report on test
    python tools/reading_measure.py --no-export --out /tmp/reading.json   # measure only: the package's files stay as they are
    python tools/reading_measure.py --no-export --epochs 15 --reader-dir runs/readers/s2_e15_w32 --out nbs/results/reading_e15.json
                                                             # the shorter reader that was tried (its validation figures)

The faces are the labelled faces of ../shared/data/anime-faces-labeled, split by a hash of the file name as
`make real-data` splits them: the reader trains on `train`, the choice is made on `val`, `test` only reports.
"""
import argparse
import os
import sys
from pathlib import Path

from animegan_keras.core import project_root, shared_data_dir

OUT = project_root() / "nbs" / "results" / "reading.json"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="real", help="a shipped model's name or a .keras file with its classifier beside it (default: real)")
    parser.add_argument("--reader-dir", type=Path, default=project_root() / "runs" / "real_reader",
                        help="where the reader is saved, and reused from when its settings match (default: runs/real_reader)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the numbers go (default {OUT})")
    parser.add_argument("--no-export", action="store_true", help="measure only: write no reader beside the model and leave its card")
    parser.add_argument("--epochs", type=int, default=None, help="the reader's training epochs (default: real.READER_SETTINGS')")
    args = parser.parse_args(argv)
    if shared_data_dir("anime-faces-labeled") is None: sys.exit("../shared/data/anime-faces-labeled is needed; not found")
    from animegan_keras.real import release_real_reader
    command = "python tools/reading_measure.py" + ("" if not argv else " " + " ".join(argv))
    r = release_real_reader(args.model, reader_dir=args.reader_dir, results_path=args.out, export=not args.no_export, command=command,
                            settings=None if args.epochs is None else {"epochs": args.epochs})
    for split in ("val", "test"):
        for group, gain in r[split]["gain"].items():
            c, k = r[split]["classifier"][group], r[split]["reader"][group]
            print(f"{split}, {group}: C reads {100 * c['read_right']:.1f}%, the reader {100 * k['read_right']:.1f}% of {c['faces']} faces; "
                  f"paired gain {100 * gain['gain']:+.1f} points [{100 * gain['interval'][0]:+.1f}, {100 * gain['interval'][1]:+.1f}]")
    print(f"reader {'shipped' if r['reader_shipped'] else 'not shipped'}; written: {args.out}")
    return r


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    main(sys.argv[1:])
