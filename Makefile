# thidua — the front door. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV = $(shell scripts/ensure_uv.sh)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help demo test bench document-samples lint format typecheck migrate messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

demo: ## Install, create the SQLite demo database, load demo data, serve on 127.0.0.1:8000
	@$(UV) sync --frozen --quiet
	@mkdir -p var
	@$(UV) run --frozen python manage.py migrate --noinput -v 0
	@$(UV) run --frozen python manage.py demo_load
	@echo "Mở http://$(HOST):$(PORT)/ (Ctrl+C để dừng)"
	@# The background worker (long builds such as the sector's roll-up) runs beside the server.
	@$(UV) run --frozen python manage.py tasks_work & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(UV) run --frozen python manage.py runserver $(HOST):$(PORT)

test: ## Lint, types and all tests (browser included) on a throwaway PostgreSQL
	@scripts/test.sh

bench: ## Run the benchmarks in bench/ and print a table of figures
	@$(UV) sync --frozen --quiet
	@scripts/install_test_deps.sh
	@scripts/bench.sh

document-samples: ## Rebuild docs/documents/*.png: three documents built from the demo (throwaway db)
	@scripts/document_samples.sh

lint: ## ruff check and format check
	@$(UV) run --frozen ruff check . && $(UV) run --frozen ruff format --check .

format: ## Format the code and fix what ruff can fix
	@$(UV) run --frozen ruff format . && $(UV) run --frozen ruff check --fix .

typecheck: ## mypy --strict
	@$(UV) run --frozen mypy thidua tests bench

migrate: ## Apply migrations to the configured database
	@$(UV) run --frozen python manage.py migrate

messages: ## Update and compile the translation catalogues
	@$(UV) run --frozen python manage.py makemessages -l en --ignore '.venv/*'
	@$(UV) run --frozen python manage.py compilemessages --ignore '.venv/*'

clean: ## Remove the demo database and caches
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
