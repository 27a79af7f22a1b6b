# The two commands of the README: `make demo` and `make test`. Each builds .venv on first use.
# TF_EXTRA=gpu installs tensorflow[and-cuda] instead of tensorflow-cpu (NVIDIA GPU machines).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
TF_EXTRA ?= cpu
KERNEL := animegan_keras
BIN := $(VENV)/bin
DEMO_OUT ?= runs/demo
# TensorFlow leaves oneDNN's kernels off on CPUs without AVX-512, where the train step is faster with them (the README's
# speed table, python tools/benchmark.py --onednn-only): every command below runs with them unless the caller set it
export TF_ENABLE_ONEDNN_OPTS ?= 1

.PHONY: install demo test lint test-notebooks test-pytest check-sync browser-deps test-browser docs docs-check benchmark profile real-data default-model combined-measure synth-model clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-$(TF_EXTRA): $(BIN)/python setup.py settings.ini Makefile
	@# tensorflow-cpu and tensorflow[and-cuda] share one import: never install the second over the first
	@for marker in $(VENV)/.installed-*; do if [ -e "$$marker" ] && [ "$$marker" != "$@" ]; then \
	  echo "$(VENV) was built with $${marker##*-} TensorFlow; use another VENV=... for TF_EXTRA=$(TF_EXTRA), or make clean-venv"; exit 1; fi; done
	$(BIN)/python -m pip install --quiet -e ".[dev,$(TF_EXTRA)]"
	# the notebooks name this kernel; registered inside .venv (not per user) so that two clones never point
	# it at each other's code: papermill and jupyter run from .venv (or an activated .venv) find it
	# TF_CPP_MIN_LOG_LEVEL=2: TensorFlow's C++ start-up chatter (INFO, WARNING) stays out of the notebooks' first cell;
	# TF_ENABLE_ONEDNN_OPTS as above (1 unless the caller set it): the notebooks train with oneDNN's kernels
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (animegan_keras)" \
	  --env TF_CPP_MIN_LOG_LEVEL 2 --env TF_ENABLE_ONEDNN_OPTS $(TF_ENABLE_ONEDNN_OPTS) >/dev/null
	# JupyterLab from .venv cleans a notebook as nbdev_clean does before saving it (nbdev's hook; jupyter_hooks in
	# settings.ini): opening and saving a notebook leaves the clone as it was committed
	$(BIN)/python -c "import json, pathlib; p = pathlib.Path('$(VENV)/etc/jupyter/jupyter_server_config.json'); \
	  c = json.loads(p.read_text()) if p.exists() else {}; c.setdefault('ContentsManager', {})['pre_save_hook'] = 'nbdev.clean.clean_jupyter'; \
	  p.parent.mkdir(parents=True, exist_ok=True); p.write_text(json.dumps(c, indent=1))"
	touch $@

install: $(VENV)/.installed-$(TF_EXTRA)

# The main job on the embedded data: train ANIMEGAN's `cpu` preset on synthetic faces (generated on first
# use), then evaluate it (judge, PSNR/SSIM, editing accuracy, figures). Rerunning resumes the training.
demo: install
	mkdir -p $(DEMO_OUT)
	$(BIN)/papermill nbs/04_train.ipynb $(DEMO_OUT)/04_train.ipynb -k $(KERNEL) -p preset cpu -p out_dir $(CURDIR)/$(DEMO_OUT)/train
	$(BIN)/papermill nbs/05_evaluate.ipynb $(DEMO_OUT)/05_evaluate.ipynb -k $(KERNEL) -p run_dir $(CURDIR)/$(DEMO_OUT)/train
	@echo "demo finished: $(DEMO_OUT)/train holds samples/, log.csv, results.md and the figures; the executed notebooks are in $(DEMO_OUT)/"

# Notebooks are clean and the library is what nbdev_export makes of them; then every test.
check-sync: install
	$(BIN)/python tools/check_sync.py

lint: install
	$(BIN)/ruff check nbs animegan_keras tools tests

test-notebooks: install
	$(BIN)/nbdev_test --timing

# Debian's packages for the browser-side checks: Chromium and its driver (tests/test_browser.py drives JupyterLab as a
# student does; tools/check_site.py reads the site) and MathJax 2 (libjs-mathjax, served by the site itself), installed
# when this user may install them; elsewhere the browser test is skipped, and pytest's summary says why.
APT_PACKAGES := chromium chromium-driver libjs-mathjax
browser-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -f /usr/share/javascript/mathjax/MathJax.js ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; \
	else echo "browser-deps: cannot install $(APT_PACKAGES) as $$(id -un); the browser test will be skipped"; exit 0; fi; \
	command -v apt-get >/dev/null || { echo "browser-deps: no apt-get here: install Chromium, ChromeDriver and MathJax 2 ($(APT_PACKAGES) on Debian)"; exit 0; }; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null \
	  || echo "browser-deps: apt-get could not install $(APT_PACKAGES); the browser test will be skipped (pytest says so)"

# The course as a website in _docs/ (every notebook executed, show_doc tables, HTML by nbconvert: Quarto cannot be
# installed offline), then every page opened in headless Chromium: images show, equations typeset, links resolve,
# no console error (screenshots and runs/site/check.json). About 10 minutes on 2 cores; not part of `make test`.
docs: install browser-deps
	$(BIN)/python tools/docs.py

docs-check: docs
	$(BIN)/python tools/check_site.py

# The browser test alone (screenshots in runs/browser/).
test-browser: install browser-deps
	$(BIN)/python -m pytest -q -rs -s tests/test_browser.py

test-pytest: install browser-deps
	$(BIN)/python -m pytest -q -rs tests

test: check-sync lint test-notebooks test-pytest

benchmark: install
	$(BIN)/python tools/benchmark.py

# Where a train step's time goes, per op group, network and pass (TensorFlow's profiler; xprof turns its trace into
# the per-op table): the cpu preset in float32, in bfloat16, and with WGAN-GP's gradient penalty -> nbs/results/profile_*.json
profile: install
	$(BIN)/python -m pip install --quiet "xprof>=2.20,<3"
	$(BIN)/python tools/profile_step.py
	$(BIN)/python tools/profile_step.py --precision bfloat16
	$(BIN)/python tools/profile_step.py --loss wgan_gp

# The models shipped in animegan_keras/assets/ (each with its model card, animegan_<name>.card.md).
# real: needs the real faces in ../shared/data. `real-data` builds data/real_96 (labelled faces, plus pseudo-labelled
# unlabelled faces and faces cropped from ../shared/data/portraits; about 10 minutes); `default-model` trains the
# `real` preset on it (about 1-1.5 hours on 2 cores), trains the evaluation's judge on the labelled training faces, evaluates on the labelled test faces and exports the model,
# then trains its reader and ships it beside the model if it reads the validation faces better than C (nbs/09a_real),
# and chooses on real validation faces where its edits may land (animegan_real.localize.json; nbs/10_edit).
real-data: install
	$(BIN)/python -c "from animegan_keras.core import shared_data_dir; from animegan_keras.real import build_real_dataset; \
	  build_real_dataset('data/real_96', portraits_dir=shared_data_dir('portraits'))"
	cp data/real_96/real_dataset.json nbs/results/real_dataset.json

default-model: real-data
	$(BIN)/animegan train --preset real --data-dir data/real_96 --out-dir runs/real
	$(BIN)/python -c "from animegan_keras.real import release_real_model; release_real_model('runs/real', 'data/real_96')"
	$(BIN)/python tools/localize_real_measure.py

# Does adding synthetic faces help what real tags never say (nbs/09a_real)? After `make real-data`: 4,000 synthetic
# 96 px faces that teach only blush, smile, open_mouth and glasses, combined with data/real_96, the `real` preset
# trained on it (about 25-40 minutes on 2 cores), then both models measured on validation faces
# (nbs/results/combined_model.json). The shipped model does not change.
combined-measure: install
	$(BIN)/python -c "from animegan_keras.synth import write_synth_dataset; write_synth_dataset('data/synth_96', 4000, size=96, seed=0)"
	$(BIN)/python -c "from animegan_keras.data import combine_datasets; combine_datasets('data/real_synth_96', \
	  {'real': 'data/real_96', 'synth': 'data/synth_96'}, teach={'synth': ['blush', 'smile', 'open_mouth', 'glasses']})"
	$(BIN)/animegan train --preset real --data-dir data/real_synth_96 --out-dir runs/real_synth
	$(BIN)/python tools/combined_measure.py

# synth: the `cpu` preset as it was when the model shipped (1,000 steps at learning rate 5e-4; about 11 minutes)
# on the synthetic faces, all 18 attributes.
synth-model: install
	mkdir -p runs/default
	$(BIN)/papermill nbs/04_train.ipynb runs/default/04_train.ipynb -k $(KERNEL) -p preset cpu -p steps 1000 -p lr 5e-4 -p out_dir $(CURDIR)/runs/default
	$(BIN)/python -c "from animegan_keras.edit import export_model, shipped_model_path; print(export_model('runs/default', shipped_model_path('synth')))"

clean-venv:
	rm -rf $(VENV)
