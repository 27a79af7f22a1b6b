"""Writes the README's pictures from the shipped default model: `python tools/readme_figures.py`.

nbs/images/synth_faces.png: random synthetic faces; nbs/images/default_edits.png: the default model's edits of
synthetic faces it never saw (identity seeds past the training set's); nbs/images/real_edit.png: one whole
illustration edited, written to runs/real_edit.png only (only when ../shared/data is present: those
illustrations are copyrighted test data and never go into the repository)."""

import cv2
import numpy as np

from animegan_keras.core import AttributeSchema, project_root, shared_data_dir
from animegan_keras import synth
from animegan_keras.edit import Editor

OUT = project_root() / "nbs" / "images"
EDITS = ["blonde_hair", "blue_hair", "pink_hair", "silver_hair", "green_eyes", "red_eyes", "blush", "glasses"]


def label(img, text):
    bar = np.full((18, img.shape[1], 3), 255, np.uint8)
    cv2.putText(bar, text, (3, 13), cv2.FONT_HERSHEY_SIMPLEX, 0.38, (0, 0, 0), 1, cv2.LINE_AA)
    return np.concatenate([bar, img], 0)


def save(name, rgb):
    OUT.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(OUT / name), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    print("wrote", OUT / name)


def main():
    schema, rng = AttributeSchema(), np.random.default_rng(2026)
    faces = [synth.render(synth.sample_identity(10_000 + i), synth.sample_attributes(rng, schema), size=96) for i in range(16)]
    save("synth_faces.png", np.concatenate([np.concatenate(faces[r * 8:(r + 1) * 8], 1) for r in range(2)], 0))

    editor = Editor("synth")  # the model shipped with the package that was trained on synthetic faces
    rows = []
    for i in range(4):
        attrs = synth.sample_attributes(rng, schema)
        face = synth.render(synth.sample_identity(20_000 + i), attrs, size=64)
        cells = [label(face, "input"), label(editor.reconstruct(face, source=attrs), "reconstruction")]
        for name in EDITS:
            edited = editor.edit(face, {name: 1.0}, source=attrs) if attrs[schema.index(name)] == 0 else face
            cells.append(label(edited, name))
        rows.append(np.concatenate(cells, 1))
    save("default_edits.png", np.concatenate(rows, 0))

    portrait, cascade = shared_data_dir("illustrations", "0001.png"), shared_data_dir("lbpcascade_animeface.xml")
    if portrait is not None and cascade is not None:
        from animegan_keras.crop import read_image
        image = read_image(portrait)
        editor = Editor(cascade_path=cascade)
        cells = [label(image, "input")] + [label(editor.edit_illustration(image, {n: 1.0}), n) for n in ("blonde_hair", "blue_hair", "red_eyes")]
        out = project_root() / "runs" / "real_edit.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(out), cv2.cvtColor(np.concatenate(cells, 1), cv2.COLOR_RGB2BGR))
        print("wrote", out, "(not for the repository)")


if __name__ == "__main__":
    main()
