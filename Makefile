# Data-actieplan pipeline. Two commands matter: `make report` and `make test`.
# Both create the virtual environment (.venv) themselves on a machine with only Python 3.11 and pip.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE_YEARS := $(sort $(patsubst data/sample/plan-%.xlsx,%,$(wildcard data/sample/plan-*.xlsx)))
YEAR ?= $(lastword $(SAMPLE_YEARS))
# LANG is also the environment's locale: only a LANG given on the command line chooses the report language.
ifeq ($(origin LANG),command line)
REPORT_LANG := $(LANG)
else
REPORT_LANG := nl
endif
PLAN ?=
ANNOTATIONS ?=
OUT ?= output/$(YEAR)
REPORT_TARGETS := $(addprefix report-,$(SAMPLE_YEARS))

.PHONY: help report report-all tables test lint sample notebook clean $(REPORT_TARGETS)

help: ## list the targets and variables
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-12s %s\n", $$1, $$2}'
	@echo "Variables:"
	@echo "  YEAR=$(YEAR)        plan year (default: the latest sample year; samples: $(SAMPLE_YEARS))"
	@echo "  LANG=nl|en       report language (default nl)"
	@echo "  PLAN=path        plan workbook (default: the sample for YEAR)"
	@echo "  ANNOTATIONS=path annotations CSV (default: the sample's, with the sample plan)"
	@echo "  OUT=dir          output folder (default output/YEAR)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

report: $(STAMP) ## render output/YEAR: report.html, report.pdf, tables.csv, tables.xlsx
	$(BIN)/python -m pipeline report --year $(YEAR) --lang $(REPORT_LANG) --out $(OUT) \
		$(if $(PLAN),--plan $(PLAN)) $(if $(ANNOTATIONS),--annotations $(ANNOTATIONS))

report-all: $(REPORT_TARGETS) ## render every sample year (make -j2 report-all runs two at once)

$(REPORT_TARGETS): report-%: $(STAMP)
	$(BIN)/python -m pipeline report --year $* --lang $(REPORT_LANG) --out output/$*

tables: $(STAMP) ## only tables.csv for YEAR into OUT
	$(BIN)/python -m pipeline tables --year $(YEAR) --out $(OUT) \
		$(if $(PLAN),--plan $(PLAN)) $(if $(ANNOTATIONS),--annotations $(ANNOTATIONS))

test: $(STAMP) ## run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## check the code style with ruff
	$(BIN)/ruff check pipeline tests scripts

sample: $(STAMP) ## regenerate the synthetic sample plans under data/sample
	$(BIN)/python scripts/make_sample.py

notebook: $(STAMP) ## regenerate notebooks/report.ipynb from scripts/make_notebook.py
	$(BIN)/python scripts/make_notebook.py

clean: ## remove the outputs (not the environment)
	rm -rf output
