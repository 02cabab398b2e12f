# Thin wrapper around ./dev, which bootstraps the virtual environment.
.PHONY: run test lint bench
run:
	./dev run
test:
	./dev test
lint:
	./dev lint
bench:
	./dev bench
