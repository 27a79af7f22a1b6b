"""How often the shipped `real` model reads a face's hair and eye colour right: what `Editor.read_faces` and
`animegan edit` print, and what every edit is computed from (the edit is the asked attributes minus the read ones).
Writes the numbers (never pictures) to nbs/results/reading.json.

    python tools/reading_measure.py                 # the labelled test faces of ../shared/data/anime-faces-labeled
    python tools/reading_measure.py --model real --split test --out /tmp/reading.json
    python tools/reading_measure.py --split val --reader runs/reader --out /tmp/reader.json   # another reader (a saved Judge)

The faces are the labelled faces, split by a hash of the file name as `make real-data` splits them, so the `test`
faces are those that nothing trained on. Per exclusive group, a face is read right when the one member the editor
takes as on (`edit.binarize_attributes` of the model's classifier) is the tagged one; with a bootstrap 95% interval
over faces, beside the share of the most common tag (what always guessing it would score).
"""
import argparse
import json
import os
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from animegan_keras.core import project_root, shared_data_dir
from animegan_keras.data import load_dataset, read_image
from animegan_keras.edit import Editor, binarize_attributes
from animegan_keras.evaluate import Judge, bootstrap_ci

OUT = project_root() / "nbs" / "results" / "reading.json"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="real", help="a shipped model's name, a run folder or a .keras file (default: real)")
    parser.add_argument("--split", default="test", choices=("val", "test"), help="which labelled faces (default: test)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the numbers go (default {OUT})")
    parser.add_argument("--reader", type=Path, default=None, help="a saved Judge folder to read the faces instead of the model's classifier")
    args = parser.parse_args(argv)
    folder = shared_data_dir("anime-faces-labeled")
    if folder is None: sys.exit("../shared/data/anime-faces-labeled is needed; not found")
    editor = Editor(args.model, localize="none")
    faces = load_dataset(folder, schema=editor.schema).subset(args.split)
    if not len(faces): sys.exit(f"no labelled {args.split} faces in {folder}")
    reader = Judge.load(args.reader) if args.reader is not None else None
    if reader is not None and (reader.schema.names != editor.schema.names or reader.img_size != editor.img_size):
        sys.exit(f"the reader {args.reader} reads other attributes or another size than the model {args.model}")
    read_batch = (lambda crops: reader(editor._model_input(list(crops)))) if reader is not None else editor.estimate_attributes
    probabilities = np.concatenate([read_batch(np.stack([read_image(f) for f in faces.files[i:i + 64]]))
                                    for i in range(0, len(faces), 64)])
    read = binarize_attributes(probabilities, editor.schema)
    groups = {}
    for group, members in editor.schema.groups.items():
        columns = [editor.schema.index(m) for m in members]
        tagged = faces.labels[:, columns]
        known = np.isfinite(tagged).all(1) & (np.nan_to_num(tagged).sum(1) == 1)
        right = (read[:, columns].argmax(1) == np.nan_to_num(tagged).argmax(1)).astype(float)
        right[~known] = np.nan
        tags = Counter(members[j] for j in np.nan_to_num(tagged[known]).argmax(1))
        top, top_count = tags.most_common(1)[0]
        groups[group] = {"faces": int(known.sum()), "read_right": float(np.nanmean(right)), "interval": bootstrap_ci(right),
                         "most_common_tag": top, "most_common_share": top_count / int(known.sum())}
    out = {"command": "python tools/reading_measure.py" + ("" if argv is None else " " + " ".join(argv)),
           "measured": datetime.now(timezone.utc).isoformat(timespec="minutes"), "model": args.model, "split": args.split,
           "reader": "the model's classifier" if reader is None else str(args.reader),
           "folder": "../shared/data/anime-faces-labeled", "faces": len(faces), "groups": groups}
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    for group, g in groups.items():
        print(f"{group}: read right on {100 * g['read_right']:.1f}% [{100 * g['interval'][0]:.1f}, {100 * g['interval'][1]:.1f}] "
              f"of {g['faces']} {args.split} faces (always '{g['most_common_tag']}': {100 * g['most_common_share']:.1f}%)")
    print(f"written: {args.out}")
    return out


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    main()
