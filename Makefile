# The two commands: `make run` (the nightly pipeline once, through Airflow) and `make test`.
# Both set everything up themselves on a machine with only Python 3.11+ and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
# a night keeps about one core busy: two workers keep both of a 2-core machine's cores busy (tests/conftest.py)
TEST_WORKERS ?= 2
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Every process of a night (each Airflow task, dbt, the CLI) imports thousands of modules: with
# PYTHONDONTWRITEBYTECODE set (as on these machines) and no .pyc, each import compiled them from
# source again: a fresh process took 4.1 s to import Airflow's SDK and Cosmos instead of 2.0 s.
# The venv is compiled once at install; the project's own modules are cached on first import.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test check up psql stop rollback bench install browser redis dbt-manifest docs clean backfill

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "[iga] installing the pinned stack into $(VENV) (first run only)"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.txt \
	  || $(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

browser:                 ## Debian's Chromium, which the report test drives (installed once, when missing)
	@command -v chromium >/dev/null || { echo "[iga] installing Debian's chromium package for the report test"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }; }

redis:                   ## Debian's redis-server, the Celery broker the Celery test starts when no Redis answers
	@command -v redis-server >/dev/null || { echo "[iga] installing Debian's redis-server package for the Celery test"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq redis-server >/dev/null 2>&1 \
	  || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq redis-server >/dev/null; }; }

run: $(STAMP)            ## the nightly pipeline once, end to end, through Airflow; the warehouse stays up
	@$(BIN)/python -m devtools.launcher run

check: $(STAMP)          ## the fast tier: ruff, mypy (include/, dags/) and the unit tests (no server), in minutes
	@echo "[iga] ruff"
	@$(BIN)/ruff check .
	@echo "[iga] mypy"
	@$(BIN)/mypy
	@echo "[iga] unit tests (tests/unit: no server, no network)"
	@$(BIN)/python -m pytest tests/unit -q

test: $(STAMP) browser redis  ## the fast tier, then the whole test suite against a real PostgreSQL, on TEST_WORKERS processes
	@$(MAKE) --no-print-directory check
	@$(BIN)/python -m pytest --ignore=tests/unit -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

backfill: $(STAMP)       ## earlier assessment years through Airflow's backfill, e.g. make backfill YEARS=2024-2025
	@$(BIN)/python -m devtools.launcher backfill --years "$(YEARS)"

up: $(STAMP)             ## Airflow UI, scheduler, dag-processor and triggerer (IGA_EXECUTOR=CeleryExecutor: and Celery workers) on 127.0.0.1:8080
	@$(BIN)/python -m devtools.launcher up

psql: $(STAMP)           ## a SQL prompt on the published warehouse, as the analyst role
	@$(BIN)/python -m devtools.launcher psql

stop: $(STAMP)           ## stop the embedded PostgreSQL that `make run` leaves running (refused while a night runs)
	@$(BIN)/python -m devtools.launcher stop

bench: $(STAMP)          ## whole nights through Airflow stage by stage (small, full, incremental, scale 10), rank uncertainty, replication
	@$(BIN)/python -m tests.bench.night $(BENCH_ARGS)
	@$(BIN)/python -m tests.bench.uncertainty
	@$(BIN)/python -m tests.bench.replication

dbt-manifest: $(STAMP)   ## re-parse the dbt project (Cosmos renders the DAG from its manifest)
	@$(BIN)/python -c "from include.transform import ensure_manifest; ensure_manifest(force=True)"

rollback: $(STAMP)       ## point `published` back at the previous publication (starts the embedded warehouse if needed)
	@$(BIN)/python -m devtools.launcher rollback

clean:                   ## forget local state (embedded PostgreSQL, simulator, reports); stops the warehouse first
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m devtools.launcher stop; fi
	rm -rf .iga dbt_project/target dbt_project/logs
