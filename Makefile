# Two commands for a fresh machine: `make serve` (set up, then preview the site from seeds/)
# and `make test` (set up, then run every test). Everything runs in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test bench browser formats

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q pip==26.3  # the pip of Python 3.11 fails on lxml[html_clean], asked for by two packages
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(BIN)/activate

setup: $(BIN)/activate

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

# Offline readers of .doc/.wps/.rtf (LibreOffice) and of scanned PDFs (tesseract with its Simplified Chinese model).
formats:
	@test -x /usr/bin/soffice && tesseract --list-langs 2>/dev/null | grep -qx chi_sim || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui \
		tesseract-ocr tesseract-ocr-chi-sim fonts-noto-cjk)

serve: setup formats
	$(BIN)/mkdocs serve

build: setup formats
	$(BIN)/mkdocs build

test: setup browser formats
	$(BIN)/python -m pytest -q
	$(BIN)/python -m scripts.evaluate --check --variations --quiet

bench: setup browser
	$(BIN)/python -m scripts.bench
