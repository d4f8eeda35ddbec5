# Scaling Suite: build, run locally, seed demo data, test. `make` alone lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
MVN ?= mvn -B
DEMO_DATA_CP_FILE := demo-data/target/classpath.txt

.PHONY: help build run stop seed test chaos audit bench bench-prune bench-containers bench-startup bench-surge images e2e clean classpath k8s helm-lint reshard replay-dead

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

build: ## Package every module (tests skipped); also writes dev-infra's and demo-data's runtime classpaths
	$(MVN) -q -DskipTests package

# Written by `package` (demo-data/pom.xml); this rule only covers a target/ built some other way.
classpath:
	@test -s $(DEMO_DATA_CP_FILE) || $(MVN) -q -pl demo-data -am -DskipTests package

run: build ## Build, start PostgreSQL/Redis and the services, seed if empty; SHARDS=2 REPLICAS=1 shards the catalog
	SHARDS=$(or $(SHARDS),1) REPLICAS=$(or $(REPLICAS),0) scripts/run.sh

stop: ## Stop what `make run` started (never the machine's own PostgreSQL or Redis)
	scripts/stop.sh

seed: classpath ## (Re)load the demo catalogue into the running suite's catalog (its shards too), drop cached copies, rebuild the views
	scripts/seed.sh

# The key `make run` gives the gateway's local profile (every scope, admin included).
DEV_KEY ?= ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610

reshard: ## Move one merchant to another catalog shard online: make reshard MERCHANT=<id> TO=<shard, e.g. s1>
	@DEV_KEY='$(DEV_KEY)' scripts/reshard.sh "$(MERCHANT)" "$(TO)"

replay-dead: ## Replay aggregation's dead-letter stream into processing (idempotent) and remove the replayed entries
	@DEV_KEY='$(DEV_KEY)' scripts/replay-dead.sh

test: ## Run every test: each service's, then the system tests on the packaged services (embedded PostgreSQL/Redis where the machine has none)
	$(MVN) verify

chaos: ## Chaos under load, full length: 2 gateways, 2 catalogs, 3 aggregations; faults in turn and together; prints the table
	$(MVN) -q -DskipTests package
	$(MVN) -pl dev-infra,system-tests verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
		-Dit.test=ChaosIT -Dfailsafe.failIfNoSpecifiedTests=false -Dchaos.full=true

audit: ## Known-vulnerable dependencies (OWASP dependency-check; needs the NVD online: see SECURITY.md)
	$(MVN) org.owasp:dependency-check-maven:12.1.0:aggregate -DfailBuildOnCVSS=7 -Dformats=HTML,JSON -DnvdApiKey=$(NVD_API_KEY)

bench: ## Benchmarks vs references (wrk, nginx, pgbench): bench/results/<date>-<host>.md + plots; QUICK=1: every scenario once, briefly (smoke); SCALE=1000000: a million products
	QUICK=$(QUICK) SCALE=$(SCALE) bench/bench.sh

bench-prune: ## Remove from git the bench results no Markdown quotes beyond the latest 3 runs of each kind (APPLY=1 to do it; a dry run lists them)
	python3 bench/prune_results.py $(if $(APPLY),--apply)

bench-containers: ## Each service as a podman container under the chart's limits and securityContext, loaded in turn: peak memory ÷ limit, start-to-ready (bench/results/*-containers.md)
	BENCH_COMMAND='make bench-containers' bench/containers.sh

bench-startup: ## Start-to-ready of each image under the chart's limits, with and without AppCDS, beside bare Quarkus in the same base (bench/results/*-startup.md, ~4 min with the images built)
	bench/startup.sh

bench-surge: ## A surge end to end: gateway containers behind a Service stand-in, scaled by the ported HPA on cgroup CPU, load 1x->4x->1x (bench/results/*-surge.md + .png, ~17 min)
	BENCH_COMMAND='make bench-surge' bench/surge.sh

images: ## Build the three service images as the chart names them (podman or docker); BASE_IMAGE=<image> to build on another base
	BASE_IMAGE=$(BASE_IMAGE) scripts/images.sh

e2e: ## The chart's pods as podman containers (limits, securityContext, probes, preStop) on PostgreSQL+replica and Redis Sentinel; acceptance checks through the gateway; SKIP_IMAGES=1: use the images as they are
	@if [[ "$(SKIP_IMAGES)" != 1 ]]; then BASE_IMAGE=$(BASE_IMAGE) scripts/images.sh; fi
	$(MVN) -o -pl deploy-tests verify -Pe2e -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
		-De2e.image-tag=$(E2E_IMAGE_TAG)

k8s: ## Regenerate k8s/base/scaling-suite.yaml from helm/scaling-suite's defaults (Helm in-process, no cluster)
	$(MVN) -q -pl deploy-tests compile exec:java@k8s

helm-lint: ## helm lint --strict on helm/scaling-suite (Helm in-process via helm-java)
	$(MVN) -q -pl deploy-tests compile exec:java@helm-lint

clean: ## Remove build output (and .run/ unless something is still running)
	$(MVN) -q clean
	@if ls .run/*.pid >/dev/null 2>&1; then echo ".run/ kept: run 'make stop' first"; else rm -rf .run; fi
