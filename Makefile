# Huanju Live back end. `make test` is the one test command (CI runs exactly it).
SHELL := /bin/bash
SWIFT ?= swift
# Debian's interpreter, which python3-protobuf installs into (not a pyenv one on PATH).
PYTHON ?= /usr/bin/python3

.PHONY: deps build test up down demo check-proto proto golden golden-check bench clean

## deps: install the missing Debian packages (apt-get update first, only if something is missing)
deps:
	@deploy/install-deps.sh

## build: debug build of everything, tests included (our targets treat warnings as errors)
build: deps
	$(SWIFT) build --build-tests

## test: install what is missing, check generated code and golden vectors, run every test
test: deps check-proto golden-check
	$(SWIFT) build --build-tests
	$(SWIFT) test

## up: build and start the three services under ./var (Ctrl-C or `make down` stops them)
up:
	@deploy/up.sh

## down: stop the services `make up` started (graceful: SIGTERM, calls in flight finish)
down:
	@deploy/down.sh

## demo: play the guide's worked example (RULES §11) on a fresh system of its own under ./var/demo, check every figure
demo:
	@deploy/demo.sh

## proto: regenerate the committed code derived from proto/ (protoc-c's C, proto/tools/swiftgen.py's Swift)
proto: deps
	PYTHON=$(PYTHON) proto/generate.sh

## check-proto: fail if the committed generated code differs from a fresh generation
check-proto: deps
	@PYTHON=$(PYTHON) proto/generate.sh --check

## golden: regenerate the wire golden vectors with Python's protobuf
golden: deps
	$(PYTHON) Tests/HuanjuWireTests/Golden/golden_vectors.py write

## golden-check: fail if Python's protobuf encodes the golden messages differently from the committed vectors
golden-check: deps
	$(PYTHON) Tests/HuanjuWireTests/Golden/golden_vectors.py check

## bench: the viewer path against Redis and the socket limit, side by side (Tests/Benchmarks/RESULTS.md)
bench: deps
	@Tests/Benchmarks/bench.sh

clean:
	rm -rf .build
