# Data-actieplan pipeline. Two commands matter: `make report` and `make test`.
# Both create the virtual environment (.venv) themselves on a machine with only Python (3.11 to 3.13) and pip;
# PYTHON=python3.13 picks another interpreter.

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
OUT ?= output/$(YEAR)$(if $(filter-out nl,$(REPORT_LANG)),-$(REPORT_LANG))

.PHONY: help report report-all tables test lint sample lab clean bench FORCE

help: ## list the targets and variables
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-12s %s\n", $$1, $$2}'
	@echo "Variables:"
	@echo "  YEAR=$(YEAR)        plan year (default: the latest sample year; samples: $(SAMPLE_YEARS))"
	@echo "  LANG=nl|en       report language (default nl)"
	@echo "  PLAN=path        plan workbook (default: the sample for YEAR)"
	@echo "  ANNOTATIONS=path annotations CSV (default: the sample's, with the sample plan)"
	@echo "  OUT=dir          output folder (default output/YEAR, output/YEAR-en for LANG=en)"

# A .venv made by another interpreter (one that was removed or upgraded) fails on every run in the same way;
# say so once, with the way out, instead.
VENV_BROKEN := $(if $(wildcard $(VENV)/pyvenv.cfg),$(shell $(BIN)/python -c 'import sys' >/dev/null 2>&1 || echo broken))
ifneq ($(VENV_BROKEN),)
$(error $(VENV) was made by a Python that no longer runs here ($(shell sed -n 's/^home = //p' $(VENV)/pyvenv.cfg)). \
Remove it with `rm -rf $(VENV) .venv-lab` and run make again: it makes a new one with $(PYTHON))
endif

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The chapter notebooks the report is assembled from (00-… is the recipes notebook, not part of the report).
CHAPTERS := $(filter-out notebooks/00-%,$(wildcard notebooks/[0-9][0-9]-*.ipynb))
# What a report is made from: the code, its configuration, the notebook, and the plans of its year and before
# (the year-on-year chapter reads the earlier ones). A report whose inputs did not change is not rebuilt.
SOURCES := $(wildcard pipeline/*.py pipeline/*/*.py pipeline/report/templates/annex/*) $(wildcard config/*.yaml config/labels/*.yaml) \
	data/taxonomy.yaml $(wildcard data/reference/*) $(CHAPTERS) $(wildcard data/evaluation/*.csv)
at_most = $(foreach y,$(1),$(if $(filter-out 0,$(shell test $(y) -le $(2) && echo 1 || echo 0)),$(y)))
# inputs YEAR,PLAN,ANNOTATIONS: the given files, and the plans and annotations of YEAR and before in the plan's folder
input_dir = $(if $(1),$(dir $(1)),data/sample/)
input_years = $(patsubst $(call input_dir,$(1))plan-%.xlsx,%,$(wildcard $(call input_dir,$(1))plan-*.xlsx))
inputs = $(2) $(3) $(foreach y,$(call at_most,$(call input_years,$(2)),$(1)),\
	$(wildcard $(call input_dir,$(2))plan-$(y).xlsx $(call input_dir,$(2))annotations-$(y).csv \
	$(call input_dir,$(2))annotations-$(y).a.csv $(call input_dir,$(2))annotations-$(y).b.csv))
executed = $(patsubst ./%,%,$(dir $(1))).$(notdir $(1)).executed
params_file = .make/$(subst /,_,$(1)).params

# The rules of one report: $(1) year, $(2) output folder, $(3) plan, $(4) annotations. It is made in two steps,
# so that `make -j2 report-all` can run one year's render beside another year's execute: execute (the tables and
# the executed notebook, into a hidden folder beside the output), then render (HTML and PDF, swapped into the
# output folder with the tables). The parameters are a prerequisite too: their file changes only when they do.
define REPORT_RULES
$(call executed,$(2))/report.ipynb: $(STAMP) $(SOURCES) $(call inputs,$(1),$(3),$(4)) $(call params_file,$(2))
	$(BIN)/python -m pipeline execute --year $(1) --lang $(REPORT_LANG) --out $(2) --into $(call executed,$(2)) \
		$(if $(3),--plan $(3)) $(if $(4),--annotations $(4))

$(2)/report.pdf: $(call executed,$(2))/report.ipynb
	$(BIN)/python -m pipeline render --executed $(call executed,$(2)) --out $(2)

# Each step swaps its folder in whole; make must not delete a target when it is interrupted.
.PRECIOUS: $(2)/report.pdf $(call executed,$(2))/report.ipynb

$(call params_file,$(2)): FORCE
	@mkdir -p $$(dir $$@)
	@echo 'year=$(1) lang=$(REPORT_LANG) plan=$(3) annotations=$(4)' | cmp -s - $$@ || \
		echo 'year=$(1) lang=$(REPORT_LANG) plan=$(3) annotations=$(4)' > $$@
endef

OUT_DIR := $(patsubst %/,%,$(OUT))
$(eval $(call REPORT_RULES,$(YEAR),$(OUT_DIR),$(PLAN),$(ANNOTATIONS)))
$(foreach y,$(SAMPLE_YEARS),$(if $(filter output/$(y),$(OUT_DIR)),,$(eval $(call REPORT_RULES,$(y),output/$(y),,))))

report: $(OUT_DIR)/report.pdf ## render OUT (default output/YEAR): report.html, report.pdf, tables.csv, tags.csv, tables.xlsx

FORCE:

ifneq ($(filter report-all,$(MAKECMDGOALS)),)
ifneq ($(PLAN)$(ANNOTATIONS)$(filter-out output/$(YEAR),$(OUT_DIR)),)
$(error report-all renders the sample of every year into output/YEAR; PLAN, ANNOTATIONS and OUT are for make report)
endif
endif

# One make for all years (not one sub-make per year), so that its job slots can interleave the years' steps.
report-all: $(foreach y,$(SAMPLE_YEARS),output/$(y)/report.pdf) ## render every sample year (make -j2 runs two steps at once)

tables: $(STAMP) ## only tables.csv and tags.csv for YEAR into OUT
	$(BIN)/python -m pipeline tables --year $(YEAR) --out $(OUT) \
		$(if $(PLAN),--plan $(PLAN)) $(if $(ANNOTATIONS),--annotations $(ANNOTATIONS))

test: $(STAMP) ## run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## check the code style with ruff
	$(BIN)/ruff check pipeline tests scripts

# JupyterLab lives in its own environment: its dependencies (jsonschema's format checkers, rfc3987-syntax) make
# `import nbformat` take about 1 s, which every papermill, nbconvert and nbval process of the pipeline would pay
# if they shared one. The notebook's kernel, "python3", is registered in the lab environment to run in .venv.
LAB := .venv-lab
JUPYTERLAB := jupyterlab>=4.2,<5

$(LAB)/.installed:
	$(PYTHON) -m venv $(LAB)
	$(LAB)/bin/python -m pip install --quiet --upgrade pip
	$(LAB)/bin/python -m pip install --quiet '$(JUPYTERLAB)'
	touch $@

lab: $(STAMP) $(LAB)/.installed ## open the project in JupyterLab (the notebooks are in notebooks/) (its own environment .venv-lab; kernel in .venv)
	$(BIN)/python -c "from ipykernel.kernelspec import install; \
		install(kernel_name='python3', display_name='Python 3 (data-actieplan, .venv)', prefix='$(LAB)')"
	$(LAB)/bin/jupyter lab --ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root)

sample: $(STAMP) ## regenerate the synthetic sample plans under data/sample
	$(BIN)/python scripts/make_sample.py

bench: $(STAMP) ## run the benchmark suite and write benchmarks/results.md
	$(BIN)/python benchmarks/run.py

clean: ## remove the outputs (not the environments)
	rm -rf output .make
