# Commands for a fresh machine (see README.md):
#   make site   installs the locked build dependencies and builds the shipped course into site/
#   make pdf    the same, plus a PDF of every printable workbook (installs Chromium)
#   make test   installs the locked test dependencies, the other engines, Chromium and the quality checkers (npm, Java), then runs every test
#   make bench  build speed at 100, 365 and 1,000 lessons against the alternatives (bench/RESULTS.md)
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv

.PHONY: site pdf serve test bench hugo browser checkers engines hosts lock clean i18n

site: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

# The site plus a PDF of every printable workbook: PDFs are printed by Chromium through
# Playwright (both come with the test dependencies and `make browser`), so `make site`
# stays free of a browser and this target brings one.
pdf: $(VENV)/.test-installed browser
	COURSE_PDF=true $(BIN)/mkdocs build --strict

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve --dirty

test: $(VENV)/.test-installed engines hosts browser checkers
	$(BIN)/python -m pytest

# The course on every engine its authors may have in 2027 (decision D1), each in its own
# locked environment: ProperDocs runs the plugin unchanged (our dependencies without MkDocs);
# Zensical builds the folder `course export` writes. tests/mkdocs/test_engines.py uses both.
engines: .venv-properdocs/.installed .venv-zensical/.installed

.venv-properdocs/.installed: requirements/properdocs.txt pyproject.toml
	$(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/pip install -q --require-hashes --no-deps -r requirements/properdocs.txt
	.venv-properdocs/bin/pip install -q --no-deps --no-build-isolation -e .
	touch $@

# A real SCORM host (scormhost, FastAPI) serves the course's packages in a test, in its own
# locked environment: it is a web application with dependencies of its own, not ours.
hosts: .venv-scormhost/.installed

.venv-scormhost/.installed: requirements/scormhost.txt
	$(PYTHON) -m venv .venv-scormhost
	.venv-scormhost/bin/pip install -q --require-hashes --no-deps -r requirements/scormhost.txt
	touch $@

.venv-zensical/.installed: requirements/zensical.txt
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/pip install -q --require-hashes --no-deps -r requirements/zensical.txt
	touch $@

# Several minutes: every size is built several times by every route: ours, hand-written
# (Material defaults and navigation.prune), Zensical on `course export`, the Python-Markdown
# floor and Hugo, which is installed from Debian when missing. BENCH_ARGS="--sizes 100 --runs 3"
# for a quick look.
bench: $(VENV)/.site-installed .venv-zensical/.installed hugo
	$(BIN)/python -m bench $(BENCH_ARGS)

hugo:
	@command -v hugo >/dev/null 2>&1 || { \
	  echo "Installing Debian's hugo for the benchmark"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hugo >/dev/null; }

# Debian's Chromium drives the browser tests (decision D9); Playwright never downloads a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; }

# The quality gates' checkers (tests/test_quality_*.py): axe-core and the Nu HTML Checker,
# pinned with integrity hashes in package-lock.json and installed without running any
# package's scripts. The Nu checker runs on Java; both need Node's npm to install.
checkers: node_modules/.installed
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Java for the Nu HTML Checker"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Node.js and npm for the quality checkers"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/.site-installed: requirements/site.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/site.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: requirements/test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements/test.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.site-installed

# Re-lock after changing dependencies in pyproject.toml (decision D11).
lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv
	$(UV) pip compile pyproject.toml requirements/build.in --generate-hashes --python-version 3.11 --quiet --custom-compile-command "make lock" -o requirements/site.txt
	$(UV) pip compile pyproject.toml requirements/build.in --extra test --generate-hashes --python-version 3.11 --quiet --custom-compile-command "make lock" -o requirements/test.txt
	$(UV) pip compile pyproject.toml requirements/build.in requirements/properdocs.in --no-emit-package mkdocs --generate-hashes --python-version 3.11 --quiet --custom-compile-command "make lock" -o requirements/properdocs.txt
	$(UV) pip compile requirements/zensical.in --generate-hashes --python-version 3.11 --quiet --custom-compile-command "make lock" -o requirements/zensical.txt
	$(UV) pip compile requirements/scormhost.in --generate-hashes --python-version 3.11 --quiet --custom-compile-command "make lock" -o requirements/scormhost.txt

# The site's own words (model/i18n.py): extract every message from the code into the
# template, bring each language's catalog up to date with it, and compile each one (which
# checks it; the .mo files are not kept: the site reads the .po files). A new language:
# LANG_NEW=xx make i18n. tests/model/test_i18n.py fails while a catalog misses a message.
LOCALE := plugins/mkdocs_course/locale
i18n: $(VENV)/.site-installed
	$(BIN)/pybabel --quiet extract -F babel.cfg -k t -k tn:1,2 -k tr -k trn:1,2 -k parts -k tParts --no-wrap --sort-by-file --project mkdocs-course -o $(LOCALE)/mkdocs_course.pot .
	@if [ -n "$(LANG_NEW)" ] && [ ! -f $(LOCALE)/$(LANG_NEW)/LC_MESSAGES/mkdocs_course.po ]; then \
	  $(BIN)/pybabel init -i $(LOCALE)/mkdocs_course.pot -d $(LOCALE) -D mkdocs_course -l $(LANG_NEW) --no-wrap; fi
	@if ls $(LOCALE)/*/LC_MESSAGES/mkdocs_course.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel --quiet update -i $(LOCALE)/mkdocs_course.pot -d $(LOCALE) -D mkdocs_course --no-wrap --ignore-obsolete; \
	  for po in $(LOCALE)/*/LC_MESSAGES/mkdocs_course.po; do $(BIN)/pybabel compile --statistics -i $$po -o /dev/null || exit 1; done; fi

clean:
	rm -rf $(VENV) .venv-properdocs .venv-zensical .venv-scormhost site node_modules
