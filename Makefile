# gongkai-analysis — run `make help` for the targets.
# The package: reading/ → parsing/ → document → analysis/ → output/ (see README, Layout).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DOC    := data/raw/dongcheng-2017-zhengwu-gongkai-gongzuo-yaodian.txt
OUT    := data/processed

.DEFAULT_GOAL := help
.PHONY: help install dev report lab test quick bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## create .venv and install the package

dev: $(VENV)/.dev-installed ## create .venv and install the package with the dev extra

report: $(VENV)/.installed ## parse the bundled document and write the leadership workbook into data/processed/
	$(BIN)/gongkai parse $(DOC) --out $(OUT)
	$(BIN)/gongkai tracker $(DOC) --out $(OUT)/tracker-template.xlsx
	$(BIN)/gongkai report $(DOC) --out $(OUT)/gongkai-report.xlsx --figures $(OUT)/figures

lab: $(VENV)/.dev-installed ## open the notebooks in JupyterLab (installs the dev extra, which has JupyterLab)
	cd notebooks && ../$(BIN)/jupyter lab

test: $(VENV)/.dev-installed ## run every test, doctest and notebook
	$(BIN)/python -m pytest

quick: $(VENV)/.dev-installed ## the tests without the slow group (property runs, corpora, rendering) and notebooks
	$(BIN)/python -m pytest -m "not slow" tests gongkai_analysis

bench: $(VENV)/.dev-installed ## measure gongkai parse end to end and the parser against jieba (300 documents, 5 rounds; growth to 1,000), and comparison
	$(BIN)/python benchmarks/bench.py --docs 300 --repeat 5
	$(BIN)/python benchmarks/bench_compare.py --repeat 3

clean: ## remove everything the code wrote into data/processed/
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete
