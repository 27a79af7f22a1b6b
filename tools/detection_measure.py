"""Measures the face detector and writes the numbers (never pictures) to nbs/results/detection.json.

    python tools/detection_measure.py                        # needs ../shared/data (the portraits and the cascade)
    python tools/detection_measure.py --out /tmp/detection.json

1. The 100 real portraits of ../shared/data/illustrations (one character each) under every setting of
   `crop.DETECTOR_SETTINGS` (`crop.detector_sweep`): the share with a face, extra boxes, images/s. This is the table
   that chose `AnimeFaceDetector`'s defaults (`nbs/08_crop`, *Tuning the detector on real portraits*).
2. 200 synthetic faces (128 px, `synth.render`, drawn as `nbs/02_synth` draws its realism sample) under the
   detector's defaults: how often the editor's detector finds the faces the project renders. (`nbs/02_synth` measures
   the cascade under OpenCV's usual settings instead, before the detector exists in the course.)
"""
import argparse
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from animegan_keras import synth
from animegan_keras.core import project_root, shared_data_dir
from animegan_keras.crop import AnimeFaceDetector, detector_sweep, get_cascade
from animegan_keras.data import read_image

OUT = project_root() / "nbs" / "results" / "detection.json"


def synthetic_faces(count: int = 200, seed: int = 7) -> dict:
    "name -> a rendered 128 px face, drawn as `nbs/02_synth` draws its realism sample."
    rng = np.random.default_rng(seed)
    return {f"synthetic_{i}": synth.render(synth.sample_identity(int(rng.integers(2**31))), synth.sample_attributes(rng))
            for i in range(count)}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"where the numbers go (default {OUT})")
    args = parser.parse_args(argv)
    folder, cascade = shared_data_dir("illustrations"), get_cascade()   # the cascade shipped with the package
    if folder is None: sys.exit("../shared/data/illustrations (100 real portraits) is needed; not found")
    files = sorted(folder.glob("*.png"))
    if not files: sys.exit(f"no .png portraits in {folder}")
    portraits = {f.name: read_image(f) for f in files}
    sweep = detector_sweep(portraits, cascade)
    defaults = AnimeFaceDetector(cascade)
    faces = synthetic_faces()
    found = [len(defaults.detect(image)) > 0 for image in faces.values()]
    out = {"command": "python tools/detection_measure.py", "measured": datetime.now(timezone.utc).isoformat(timespec="minutes"),
           "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
           "cascade": cascade.name,
           "portraits": {"folder": "../shared/data/illustrations", "images": len(portraits), "sweep": sweep},
           "synthetic": {"images": len(faces), "size": 128, "settings": defaults.settings(), "with_face": float(np.mean(found)),
                         "missed": [name for name, hit in zip(faces, found) if not hit]}}
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    for row in sweep:
        print(f"scale_factor {row['scale_factor']}, min_neighbors {row['min_neighbors']}, pad {row['pad']}: "
              f"{row['with_face']:.0%} of {row['images']} portraits with a face, {row['extra_boxes']} extra boxes, {row['images_per_s']:.0f} images/s")
    print(f"defaults {defaults.settings()}: a face in {out['synthetic']['with_face']:.1%} of {len(faces)} synthetic faces")
    print(f"written: {args.out}")
    return out


if __name__ == "__main__":
    main()
