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

.PHONY: help report report-all tables test lint sample notebook clean bench FORCE $(REPORT_TARGETS)

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

# What a report is made from: the code, its configuration, the notebook, and the plans of YEAR and before
# (the year-on-year chapter reads the earlier ones). A report whose inputs did not change is not rebuilt.
SOURCES := $(wildcard pipeline/*.py pipeline/templates/annex/*) $(wildcard config/*.yaml config/labels/*.yaml) \
	data/taxonomy.yaml $(wildcard data/reference/*) notebooks/report.ipynb tests/data/tagger-gold.csv
at_most = $(foreach y,$(1),$(if $(filter-out 0,$(shell test $(y) -le $(2) && echo 1 || echo 0)),$(y)))
INPUT_DIR := $(if $(PLAN),$(dir $(PLAN)),data/sample/)
INPUT_YEARS := $(patsubst $(INPUT_DIR)plan-%.xlsx,%,$(wildcard $(INPUT_DIR)plan-*.xlsx))
INPUTS := $(PLAN) $(ANNOTATIONS) $(foreach y,$(call at_most,$(INPUT_YEARS),$(YEAR)),\
	$(wildcard $(INPUT_DIR)plan-$(y).xlsx $(INPUT_DIR)annotations-$(y).csv))
PARAMS := year=$(YEAR) lang=$(REPORT_LANG) plan=$(PLAN) annotations=$(ANNOTATIONS)
PARAMS_FILE := .make/$(subst /,_,$(OUT)).params

report: $(OUT)/report.pdf ## render OUT (default output/YEAR): report.html, report.pdf, tables.csv, tables.xlsx

$(OUT)/report.pdf: $(STAMP) $(SOURCES) $(INPUTS) $(PARAMS_FILE)
	$(BIN)/python -m pipeline report --year $(YEAR) --lang $(REPORT_LANG) --out $(OUT) \
		$(if $(PLAN),--plan $(PLAN)) $(if $(ANNOTATIONS),--annotations $(ANNOTATIONS))

# The parameters are a prerequisite too: the file changes only when they do.
$(PARAMS_FILE): FORCE
	@mkdir -p $(dir $@)
	@echo '$(PARAMS)' | cmp -s - $@ || echo '$(PARAMS)' > $@

FORCE:

report-all: $(REPORT_TARGETS) ## render every sample year (make -j2 report-all runs two at once)

$(REPORT_TARGETS): report-%:
	@$(MAKE) --no-print-directory report YEAR=$* OUT=output/$* PLAN= ANNOTATIONS=

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

bench: $(STAMP) ## run the benchmark suite and write benchmarks/results.md
	$(BIN)/python benchmarks/run.py

clean: ## remove the outputs (not the environment)
	rm -rf output .make
