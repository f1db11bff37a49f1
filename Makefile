# Two commands for a fresh machine: `make serve` (set up, then preview the site from seeds/)
# and `make test` (set up, then run every test). Everything runs in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test bench browser

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(BIN)/activate

setup: $(BIN)/activate

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

serve: setup
	$(BIN)/mkdocs serve

build: setup
	$(BIN)/mkdocs build

test: setup browser
	$(BIN)/python -m pytest -q
	$(BIN)/python -m scripts.evaluate --check --variations --quiet

bench: setup browser
	$(BIN)/python -m scripts.bench
