# Two commands do everything on a fresh machine:
#   make run   — the default scenario: model vs measured gas on a real EVM
#   make test  — lint and import layers, pytest, the forge tests with their gas snapshot, the gas gate,
#                and the example rollup run as its team's CI would (its tests, its gate, its workflow)
# Both install what they need first (.venv from requirements.lock, node_modules from
# package-lock.json), and only when those files changed since the last install.

# The interpreter the venv is made with. A distribution's CPython (Debian's /usr/bin/python3.11)
# is built with profile-guided and link-time optimisation into one static binary; a version
# manager's build without --enable-optimizations (pyenv's python3, first on PATH on the
# reference machine: libpython shared, no PGO) runs the harness's Python some 20 to 25 % slower:
# pytest's parallel session took 147 s on the first against 167 to 170 s on the second. So the
# distribution's 3.11, the version the lock is tested on, is taken where it is installed with
# its venv module, else python3. `make PYTHON=...` picks another; an existing .venv is kept
# whatever the interpreter (`make clean` first to change it).
PYTHON ?= $(shell /usr/bin/python3.11 -c 'import ensurepip, venv' 2>/dev/null && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
NODE_BIN := node_modules/.bin
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: setup installed run test checks pytest forge-build contracts-cache forge-test gas-check forge-snapshot-check example workflow-check lint fuzz vectors bench clean

# The Python packages and the npm tools install side by side, as two jobs (in the jobs of the
# make that called this one, if it runs several); `installed` only gathers the two stamps (a
# goal that is up to date would print so on every command). SETUP_EXTRA names more targets
# to make alongside.
SETUP_JOBS = $(if $(findstring jobserver,$(MAKEFLAGS)),,-j2 --output-sync=target)
setup:
	@$(MAKE) --no-print-directory $(SETUP_JOBS) installed $(SETUP_EXTRA)

installed: $(VENV_STAMP) $(NODE_STAMP)
	@:

# The venv's pip installs one package, uv (pinned here), which installs the lock in some 3 s
# (pip took 50 s). uv compiles nothing; scripts/compile-imports then imports what the harness
# and its tests import, with bytecode writing on, so that Python keeps those modules compiled
# (CI machines set PYTHONDONTWRITEBYTECODE, under which nothing would be kept later): 2,300 of
# the 5,000 modules installed, some 12 s of one core, against 22 s to compile them all.
UV_PIN := uv==0.13.9
UV_PIP := $(BIN)/uv pip install --quiet --python $(BIN)/python

$(VENV_STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV_PIN)
	$(UV_PIP) -r requirements.lock
	$(UV_PIP) --no-deps -e .
	PYTHONDONTWRITEBYTECODE= $(BIN)/python scripts/compile-imports
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: setup
	$(BIN)/rollup-harness run --proofs 150 --compare none

# The forge tests run once, in forge-snapshot-check: `forge snapshot --check` runs every test
# (fuzz included) and fails on a failing one as `forge test` does, then compares their gas.
# forge's build (solc-js on one core, some 30 s) runs while uv installs, once npm has: the
# snapshot check, and the tests of forge-built stacks (tests/test_stack_artifacts.py), then
# find its artifacts built (forge rebuilds whatever changed since).
test: SETUP_EXTRA = forge-build contracts-cache
test: setup
	@$(MAKE) --no-print-directory lint pytest checks

# The checks after pytest are independent (forge builds into out/; the example's gate starts
# chains of its own and shares only caches whose entries are written atomically), so they run
# two at a time; each one's output is printed whole when it ends. The project's own gas gate is
# not among them: pytest has run it (tests/test_gasgate.py checks the committed baseline with
# `gas check`, and fails printing its table on any entry that rose).
checks: setup
	$(MAKE) --no-print-directory -j2 --output-sync=target forge-snapshot-check example workflow-check

# In parallel, one worker per CPU and one more (3 on the reference machine and CI): the tests
# spend some 30 s of their workers' time waiting (a retry bound, a timeout, a node, a prover or
# a cluster starting), which the third worker fills. Back to back on 2 cores the session took
# 133 and 136 s with three workers, 140 to 152 s with two, 141 s with four; since anvil and the
# external provers start without a fork of the test process, two and three take as long
# (107.6 to 124.4 s with two, 104.9 to 122.3 s with three, three spending some 20 s more CPU,
# which the cores had spare). loadscope hands
# each worker whole modules (their module fixtures set up once), the next as it runs out of
# tests, in collection order, which puts the modules marked `slow` first (tests/conftest.py):
# the run does not end on one long module while another worker idles, as it did when worksteal
# stole single tests. The modules that load a KZG trusted setup (in the test process, or in an
# anvil node the worker keeps and resets for them) go to one worker together (tests/conftest.py),
# which loads the process's setup once and each kept node's once. Each worker opens its own
# anvils on ports of its own, and freezes its collected heap out of the garbage collector's
# scans. The package is byte-compiled first: the tests start the harness as a process dozens of
# times, and with PYTHONDONTWRITEBYTECODE set each start would compile it again.
# pytest itself runs with PYTHONDONTWRITEBYTECODE cleared: it rewrites the asserts of the test
# modules and of the whole harness package (its plugin's), and keeps the result in __pycache__
# only where bytecode may be written; otherwise every session rewrites ~330 modules again.
# The tests marked `alone` (a harness, its node or its workers signalled, and how they end
# timed, some with a 1 s RPC timeout) run after them, from the four modules
# tests/alone_modules.py lists (the session collects no other), two at a time whatever the CPU
# count: their bounds held in twelve runs of two at a time, not beside the whole suite's chains.
# They are handed out one at a time, the ones marked `slow` (some seconds each) first, so that
# neither worker ends the session alone on a long one (29 s against 34 to 39 s when each worker
# took half of them and stole from the other's).
PYTEST_WORKERS = $(shell echo $$(( $$(nproc) + 1 )))

pytest: setup
	$(BIN)/python -m compileall -q harness
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder -m "not alone"
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n 2 --dist load --maxschedchunk 1 -m alone

# forge's build is the longest job of the install (solc-js on one core): it lets V8 optimise the
# compiler (scripts/solc), on the core the venv's install leaves free.
forge-build: $(NODE_STAMP)
	SOLC_JS_TIER_UP=1 $(NODE_BIN)/forge build --quiet

# The project's contracts compiled into the harness's own cache (.cache/solc/) once both
# installs are done, on the core forge's build leaves free: on a fresh clone the test workers
# find them there, instead of both compiling them (some 7 s of CPU each) at their first tests.
contracts-cache: $(VENV_STAMP) $(NODE_STAMP)
	$(BIN)/python -c "from harness.toolchain.solc import project_artifacts; project_artifacts()"

forge-test: setup
	$(NODE_BIN)/forge test

# Pinned scenarios against gas-baseline.json; in GitHub Actions the table goes to the step summary.
gas-check: setup
	$(BIN)/rollup-harness gas check $(if $(GITHUB_STEP_SUMMARY),--markdown "$(GITHUB_STEP_SUMMARY)")

# The example rollup, as its team's CI runs it: its tests and its gas gate, from its own folder.
EXAMPLE := examples/proposals
example: setup
	cd $(EXAMPLE) && $(CURDIR)/$(BIN)/pytest -q
	cd $(EXAMPLE) && $(CURDIR)/$(BIN)/rollup-harness gas check

# The example CI workflow against GitHub's workflow schema (bundled with check-jsonschema).
workflow-check: setup
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(EXAMPLE)/.github/workflows/rollup.yml

# The Solidity unit tests, and their gas against .gas-snapshot (fuzz seed pinned in foundry.toml).
forge-snapshot-check: setup
	$(NODE_BIN)/forge snapshot --check

# Style and structure: ruff's linter and formatter, and the import layers of pyproject.toml.
lint: setup
	$(BIN)/ruff check harness tests examples
	$(BIN)/ruff format --check harness tests examples
	$(BIN)/lint-imports

# The property tests (Hypothesis marks each one `hypothesis`) on 2,000 examples each instead of
# make test's 100: a deeper search for a nightly job or before a parser change lands.
fuzz: setup
	HYPOTHESIS_PROFILE=deep PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -q -n auto -m "hypothesis and not alone"

# The suite's vectors written afresh, from a whole pytest session (make test's two) on empty
# caches: the KZG parts of every blob it commits (tests/vectors/kzg/) and what it compiles into
# .cache/solc/ (tests/vectors/solc/: test contracts and edited copies of the project's and the
# example's; not the project's own, compiled first and left out, which the install compiles).
# Run it when the tests' blobs or contracts change (or the project's, which some of those
# import or copy); until then a fresh clone makes what it lacks itself.
vectors: setup
	rm -rf .cache/test-kzg .cache/solc tests/vectors/kzg tests/vectors/solc
	$(MAKE) --no-print-directory contracts-cache
	touch .cache/solc/.project-compiled
	$(MAKE) --no-print-directory pytest
	cp -r .cache/test-kzg tests/vectors/kzg
	find tests/vectors/kzg -name '.*.tmp' -delete
	mkdir -p tests/vectors/solc
	find .cache/solc -name '*.json' -newer .cache/solc/.project-compiled -exec cp {} tests/vectors/solc/ \;

bench: setup
	$(BIN)/rollup-harness bench

clean:
	rm -rf $(VENV) node_modules out cache .cache
