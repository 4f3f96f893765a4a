# Thin wrappers: each target is what the README says to type.
SWIFT ?= swift
FORMATTED = Package.swift Sources Tests Benchmarks/Sources

.PHONY: run build test format demos bench clean

run: build            ## set up, build, index and show what the knowledge base holds
	.build/release/leakkb index
	.build/release/leakkb list
	@echo; echo "Try: .build/release/leakkb search goroutine   |   .build/release/leakkb demo nil-map"

build:
	scripts/bootstrap
	$(SWIFT) build -c release --static-swift-stdlib --product leakkb

test:                 ## every test: format, unit, integration, site in a real browser, and every demo's claims on both Go toolchains
	scripts/bootstrap --test
	$(SWIFT) format lint --strict --recursive $(FORMATTED)
	scripts/lint-demos
	scripts/lint-docs
	$(SWIFT) build --explicit-target-dependency-import-check error
	$(SWIFT) test
	.build/debug/leakkb check --demos

format:               ## format the Swift sources as .swift-format says (make test fails on any difference)
	$(SWIFT) format --in-place --recursive --parallel $(FORMATTED)

bench: build
	Benchmarks/run

clean:
	rm -rf .build .leakkb
