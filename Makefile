# Scaling Suite: build, run locally, seed demo data, test. `make` alone lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
MVN ?= mvn -B
DEV_INFRA_CP_FILE := dev-infra/target/classpath.txt
DEV_INFRA_CP = dev-infra/target/classes:$$(cat $(DEV_INFRA_CP_FILE))
DATABASE_URL ?= jdbc:postgresql://127.0.0.1:5432/scaling_suite

.PHONY: help build run stop seed test clean classpath k8s helm-lint bench

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

build: ## Package every module (tests skipped); also writes dev-infra's runtime classpath
	$(MVN) -q -DskipTests package

# Written by `package` (dev-infra/pom.xml); this rule only covers a target/ built some other way.
classpath:
	@test -s $(DEV_INFRA_CP_FILE) || $(MVN) -q -pl dev-infra -am -DskipTests package

run: build ## Build, start PostgreSQL/Redis (machine's or embedded) and the services, seed if empty
	scripts/run.sh

stop: ## Stop what `make run` started (never the machine's own PostgreSQL or Redis)
	scripts/stop.sh

seed: classpath ## (Re)load the demo catalogue into the running local database, dropping cached listings
	java -cp "$(DEV_INFRA_CP)" io.scalingsuite.devinfra.Seeder --jdbc-url $(DATABASE_URL) --user postgres \
		--redis 127.0.0.1:6379 --key-prefix catalog

test: ## Run every test: each service's, then the system tests on the packaged services (embedded PostgreSQL/Redis where the machine has none)
	$(MVN) verify

bench: ## Benchmarks vs references (wrk, nginx, pgbench): bench/results/<date>-<host>.md + plots; QUICK=1: every scenario once, briefly (smoke)
	QUICK=$(QUICK) bench/bench.sh

k8s: ## Regenerate k8s/base/scaling-suite.yaml from helm/scaling-suite's defaults (Helm in-process, no cluster)
	$(MVN) -q -pl deploy-tests compile exec:java@k8s

helm-lint: ## helm lint --strict on helm/scaling-suite (Helm in-process via helm-java)
	$(MVN) -q -pl deploy-tests compile exec:java@helm-lint

clean: ## Remove build output (and .run/ unless something is still running)
	$(MVN) -q clean
	@if ls .run/*.pid >/dev/null 2>&1; then echo ".run/ kept: run 'make stop' first"; else rm -rf .run; fi
