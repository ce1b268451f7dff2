# Waspada: `make run` serves the app with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint clean messages lock screenshots

install: $(STAMP)
	@bin/need-pdf-libraries

# Reinstall only when the declared dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: install
	@bin/run-dev

test: install
	@bin/run-tests

lint: install
	$(BIN)/ruff check waspada tests bench conftest.py
	$(BIN)/ruff format --check waspada tests bench conftest.py
	$(BIN)/mypy waspada tests conftest.py
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) var/static

# Refresh the Indonesian catalog from the code and compile it (needs Debian's gettext).
messages: install
	cd waspada && DEBUG=1 ../$(BIN)/waspada makemessages -l id --ignore 'tests/*' --no-obsolete -v 0
	cd waspada && DEBUG=1 ../$(BIN)/waspada compilemessages -v 0

# After changing a dependency: pin the production dependencies with hashes (requirements.lock).
lock: install
	bin/lock-requirements

# Take the user guide's screenshots again (docs/panduan/gambar) from the browser tests of
# the whole day; commit the JPEGs that changed.
screenshots: install
	WASPADA_SCREENSHOTS=docs/panduan/gambar PYTHONPATH=$(CURDIR) $(BIN)/pytest -n 0 -p no:cacheprovider -q tests/browser/test_whole_day.py
