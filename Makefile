# kitsu-client: every target does its own set-up, so each works on a fresh machine.
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python

.PHONY: setup server demo docs test test-nginx test-unit test-unit-isolated cassettes test-py310 test-embedded lint regen regen-check bench upgrade-example rename-check upgrade-matrix upgrade-ci stop clean

$(VENV)/.installed: pyproject.toml
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

setup: $(VENV)/.installed  ## the project's virtualenv with runtime and dev dependencies

server:  ## a local Zou on 127.0.0.1:5600 (idempotent; skipped when KITSU_HOST is set)
	@if [ -z "$$KITSU_HOST" ]; then $(PY) scripts/zou_server.py start; fi

demo: setup server  ## log in, build a small production, publish a preview, print what was made
	$(VPY) scripts/demo.py

test: setup server  ## lint, type-check, the docs build, the whole suite against the real local Zou (committed cassettes checked fresh), the offline lane, again through nginx, the upgrade journey on Zou 1.0.40, Python 3.10, the embedded backend
	$(MAKE) lint
	$(MAKE) docs
	$(VPY) -m pytest -q --kitsu-record=check
	$(MAKE) test-unit
	$(MAKE) test-nginx
	$(MAKE) upgrade-ci
	$(MAKE) test-py310
	$(MAKE) test-embedded

docs: setup  ## the reference site into site/ (MkDocs + mkdocstrings, mkdocs.yml; warnings are errors); open site/index.html
	$(VENV)/bin/mkdocs build --strict
	@echo "reference site: site/index.html"

test-nginx: setup server  ## the whole suite again, through a real nginx configured as Zou's deployment guide (scripts/nginx_front.py)
	KITSU_TEST_VIA_NGINX=1 $(VPY) -m pytest -q -p no:cacheprovider

test-embedded: setup  ## the smoke test against the embedded backend, run as an unprivileged user
	scripts/ci_embedded.sh

test-unit: setup  ## the offline lane: every test not marked `server` (tests/conftest.py marks each test that stands on a real Zou), so every helper module replayed from tests/cassettes and the unit tests; no server, no network (a server test that slips in meets a closed port, no Zou is started)
	KITSU_HOST=http://127.0.0.1:1 KITSU_TEST_HOST=http://127.0.0.1:1 KITSU_RECORD=none $(VPY) -m pytest -q -p no:cacheprovider -m "not server"

test-unit-isolated: setup  ## test-unit in a network namespace of its own (root; only its own loopback): proves it needs no server
	unshare -n sh -c 'ip link set lo up && $(MAKE) --no-print-directory test-unit'

cassettes: setup server  ## re-record the offline lane's cassettes (tests/cassettes) against the real local Zou
	$(VPY) -m pytest -q -p no:cacheprovider tests/offline --kitsu-record=all

test-py310:  ## the unit tests and every generated module on Python 3.10 and 3.13 (those that are installed)
	@for v in 3.10 3.13; do \
	  py=""; for p in $$(command -v python$$v) $$HOME/.pyenv/versions/$$v*/bin/python$$v; do \
	    "$$p" -c '' 2>/dev/null && py="$$p" && break; done; \
	  if [ -z "$$py" ]; then echo "python$$v not found: not checked"; continue; fi; \
	  echo "== Python $$v ($$py)"; \
	  test -x .venv$$v/bin/python || "$$py" -m venv .venv$$v || exit 1; \
	  .venv$$v/bin/python -m pip install -q --disable-pip-version-check -e . pytest==9.2.0 pytest-timeout==2.4.0 respx==0.23.1 || exit 1; \
	  .venv$$v/bin/python -m pytest -q -p no:cacheprovider tests/test_client_unit.py tests/test_cache.py tests/test_async_api_unit.py \
	    tests/test_generated.py::test_every_generated_module_imports \
	    tests/test_generated.py::test_every_operation_has_its_module_and_route \
	    tests/test_generated.py::test_package_import_is_lazy || exit 1; \
	done

lint: setup  ## ruff and mypy on the hand-written code; relaxed ruff on the generated package
	$(VENV)/bin/ruff check kitsu_helpers scripts tests bench
	$(VENV)/bin/ruff format --check kitsu_helpers scripts tests bench
	$(VENV)/bin/ruff check --config openapi/ruff-generated.toml generated
	$(VENV)/bin/mypy

regen: setup  ## regenerate generated/ (URL=http://zou:5000 to pull the spec from a running Zou)
	$(VPY) scripts/regen.py $(if $(URL),--url $(URL),) $(if $(REPORT),--report $(REPORT),)

regen-check: setup  ## fail if regenerating from the committed spec would change anything
	$(VPY) scripts/regen.py --check

bench: setup server  ## benchmarks against gazu 1.3.1 on the local Zou (writes bench/results.json and the README table)
	$(VPY) bench/run.py

OLD ?= 1.0.70
upgrade-example: setup server  ## regen from an older Zou into a scratch dir, then back to the current one: docs/upgrade-example.md
	ZOU_VERSION=$(OLD) $(PY) scripts/zou_server.py start --instance old
	rm -rf .upgrade-scratch
	$(VPY) scripts/regen.py --url http://127.0.0.1:5630 --out .upgrade-scratch > /dev/null
	$(VPY) scripts/regen.py --url http://127.0.0.1:5600 --out .upgrade-scratch --report docs/upgrade-example.md > /dev/null
	diff -r .upgrade-scratch/generated generated && cmp .upgrade-scratch/openapi/source.json openapi/source.json \
		&& echo "back on $$($(VPY) -c 'import json;print(json.load(open("openapi/source.meta.json"))["zou_version"])'): generated/ is byte-identical to the committed tree"
	ZOU_VERSION=$(OLD) $(PY) scripts/zou_server.py stop --instance old

RENAMED ?= 1.0.40
rename-check: setup  ## regen from a Zou that spells path parameters otherwise (1.0.40) into a scratch tree; helpers must still work on it
	ZOU_VERSION=$(RENAMED) $(PY) scripts/zou_server.py start --instance old
	rm -rf .rename-scratch && mkdir .rename-scratch && cp -r openapi generated .rename-scratch/
	$(VPY) scripts/regen.py --url http://127.0.0.1:5630 --out .rename-scratch --report .rename-scratch/report.md > /dev/null
	head -3 .rename-scratch/report.md
	PYTHONPATH=.rename-scratch/generated $(VPY) scripts/rename_check.py http://127.0.0.1:5630
	ZOU_VERSION=$(RENAMED) $(PY) scripts/zou_server.py stop --instance old

upgrade-matrix: setup server  ## regen + smoke journey on Zou 0.19.70, 0.20.80, 1.0.0, 1.0.40, 1.0.70 and ours: docs/upgrade-matrix.md (30-50 min)
	$(VPY) scripts/upgrade_matrix.py

upgrade-ci: setup server  ## the matrix for Zou 1.0.40 only (regen, report, smoke journey, rename check, back): part of make test
	MATRIX_VERSIONS=1.0.40 MATRIX_DOC=.matrix/upgrade-ci.md $(VPY) scripts/upgrade_matrix.py
	cat .matrix/upgrade-ci.md

stop:  ## stop the local Zou (and its nginx front, when one runs)
	$(PY) scripts/nginx_front.py stop
	$(PY) scripts/zou_server.py stop

clean: stop
	rm -rf $(VENV) .venv3.10 .venv3.13 .zou site
