# The two commands: `make run` (the nightly pipeline once, through Airflow) and `make test`.
# Both set everything up themselves on a machine with only Python 3.11+ and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test up bench install browser dbt-manifest docs clean stop-postgres

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "[iga] installing the pinned stack into $(VENV) (first run only)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.txt \
	  || $(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

browser:                 ## Debian's Chromium, which the report test drives (installed once, when missing)
	@command -v chromium >/dev/null || { echo "[iga] installing Debian's chromium package for the report test"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }; }

run: $(STAMP)            ## the nightly pipeline once, end to end, through Airflow
	@$(BIN)/python -m devtools.launcher run

test: $(STAMP) browser   ## the whole test suite against a real PostgreSQL
	@$(BIN)/python -m pytest

up: $(STAMP)             ## Airflow UI, scheduler, dag-processor and triggerer on 127.0.0.1:8080
	@$(BIN)/python -m devtools.launcher up

bench: $(STAMP)          ## whole nights through Airflow, stage by stage: full and incremental at scale 1, full at scale 10
	@$(BIN)/python -m tests.bench.night $(BENCH_ARGS)

dbt-manifest: $(STAMP)   ## re-parse the dbt project (Cosmos renders the DAG from its manifest)
	@$(BIN)/python -c "from include.transform import ensure_manifest; ensure_manifest(force=True)"

rollback: $(STAMP)       ## point `published` back at the previous publication
	@$(BIN)/python -m include.publication rollback

clean:                   ## forget local state (embedded PostgreSQL, simulator, reports)
	rm -rf .iga dbt_project/target dbt_project/logs
