# Shortcuts for the scripts in scripts/; each creates .venv and installs what is missing.
.PHONY: demo test lint typecheck bench docs clean

## demo: run the bot once over the demo inbox (SQLite, console output)
demo:
	scripts/demo.sh

## test: linters, type checker, layering contract and the whole test suite
test:
	scripts/test.sh

lint:
	scripts/bootstrap.sh && .venv/bin/ruff check . && .venv/bin/ruff format --check .

typecheck:
	scripts/bootstrap.sh && .venv/bin/mypy

bench:
	scripts/bootstrap.sh && for b in bench/*.py; do .venv/bin/python $$b || exit 1; done

docs:
	scripts/bootstrap.sh && .venv/bin/gleaner config docs > docs/settings.md

clean:
	rm -rf .venv build *.egg-info
