# The two commands a new user needs: `make demo` and `make test`.
# Both create the virtual environment in .venv if needed and install into it.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
# Test processes run in parallel (pytest-xdist), each with its own warm TensorFlow worker; most of
# a test's time is a child process importing or training on one core. The adversarial corpus
# stays in one process (its xdist_group), so that its last test sees every case's processes.
JOBS   ?= 2
PYTEST  = $(BIN)/python -m pytest -n $(JOBS) --dist loadgroup

# The oldest Keras and TensorFlow pyproject.toml declares, in a second environment (.ci/run runs it).
FLOOR_VENV ?= .venv-floor
FLOOR_TESTS = tests/honest tests/test_honest_students.py tests/test_compile_adam.py tests/test_catalogue.py

.PHONY: demo test test-fast test-floor stubs clean

demo: $(VENV)/.installed
	$(BIN)/python examples/run_demo.py

test: $(VENV)/.installed-test
	$(PYTEST)

# Skips the tests marked slow (those that start their own TensorFlow worker).
test-fast: $(VENV)/.installed-test
	$(PYTEST) -m "not slow"

# The honest corpus and the lesson's core tests on the floor versions (.ci/floor-constraints.txt).
test-floor: $(FLOOR_VENV)/.installed-test
	$(FLOOR_VENV)/bin/python -m pytest -n $(JOBS) --dist loadgroup $(FLOOR_TESTS)

$(FLOOR_VENV)/.installed-test: pyproject.toml .ci/floor-constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "Python 3.10 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(FLOOR_VENV)/bin/python -m pip install --quiet -e '.[test]' -c .ci/floor-constraints.txt
	touch $@

# Re-render every exercise's stub after editing a template or an exercise.toml.
stubs: $(VENV)/.installed
	for dir in exercises/*/; do $(BIN)/grader render --exercise $$(basename $$dir) --out $$dir; done

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "Python 3.10 or newer is needed (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) $(FLOOR_VENV) build *.egg-info .pytest_cache
