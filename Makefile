# galley: `make` converts the issue in input/ into output/; `make test` runs every test.
SHELL := /bin/bash
GALLEY := target/release/galley
VALIDATORS := ../shared/validators

.PHONY: all build test lint schemas deps clean

all: build
	$(GALLEY) build input -o output

build:
	cargo build --release --locked

# Installs what the tests need (the official validators; Chromium for the preview
# test), then runs every test, the official validators over every output included.
test: deps
	cargo test --locked --all-targets

deps:
	bash $(VALIDATORS)/install.sh
	@command -v chromium >/dev/null || { echo "make deps: apt-get install chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint:
	cargo fmt --all -- --check
	cargo clippy --locked --all-targets -- -D warnings

schemas:
	cargo run --quiet -- schema schemas

clean:
	cargo clean
	find output -mindepth 1 ! -name .keep -delete
