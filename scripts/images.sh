#!/usr/bin/env bash
# `make images`: builds the images of gateway, catalog-service and aggregation-service from each service's own
# src/main/docker/Dockerfile.jvm, tagged as helm/scaling-suite's defaults name them
# (<global.imageRegistry>/<component>.image.repository:<component>.image.tag, read from values.yaml).
#
# BASE_IMAGE: the image they are built FROM (the Dockerfile's build argument). Default localhost/debian-jre:17, made
#   here from Debian packages (debootstrap: openjdk-17-jre-headless and curl) when missing, because these machines
#   reach no container registry; the tests and CI use it. For images you push, build on a maintained base instead:
#   BASE_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24 (the Dockerfiles' own default).
# ENGINE: podman or docker. Default podman when installed, else a docker whose daemon answers, else podman installed
#   with apt-get (as root: podman, runc and friends, and /etc/containers/containers.conf when there is none).
# MVN: how to package the services when a quarkus-run.jar is missing or older than its sources (default mvn -B -o).
set -euo pipefail
cd "$(dirname "$0")/.."

LOCAL_BASE=localhost/debian-jre:17
BASE_IMAGE=${BASE_IMAGE:-$LOCAL_BASE}
MVN=${MVN:-mvn -B -o}
VALUES=helm/scaling-suite/values.yaml
# chart component -> Maven module
declare -A MODULES=([catalog]=catalog-service [aggregation]=aggregation-service [gateway]=gateway)
# Other helpers and CI jobs may build at the same time: one apt-get, one debootstrap at a time.
LOCK_FILE=/tmp/scaling-suite-images.lock

fail() { echo "images: $*" >&2; exit 1; }
as_root() { if (( EUID == 0 )); then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else fail "needs root: $*"; fi; }

# The packages ../shared/containers.md found working here (runc: crun 1.8 refuses this cgroup layout).
install_podman() {
  command -v apt-get >/dev/null || fail "no podman, no running docker, and no apt-get to install podman"
  echo "images: installing podman, runc and debootstrap with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    podman runc catatonit uidmap slirp4netns fuse-overlayfs debootstrap iptables >/dev/null
}

# Default ulimits at or under this machine's hard limits (above them every container fails: "error setting rlimit
# type 7"), and runc. An existing containers.conf is the administrator's: left alone.
configure_podman() {
  local conf=/etc/containers/containers.conf nofile nproc
  [[ -e $conf ]] && return 0
  nofile=$(ulimit -Hn) nproc=$(ulimit -Hu)
  [[ $nofile == unlimited ]] || (( nofile > 10000 )) && nofile=10000
  [[ $nproc == unlimited ]] || (( nproc > 4096 )) && nproc=4096
  echo "images: writing $conf (runc; nofile=$nofile, nproc=$nproc)"
  as_root mkdir -p /etc/containers
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n[engine]\nruntime = "runc"\n' \
    "$nofile" "$nofile" "$nproc" "$nproc" | as_root tee "$conf" >/dev/null
}

choose_engine() {
  if [[ -n ${ENGINE:-} ]]; then
    command -v "$ENGINE" >/dev/null || fail "ENGINE=$ENGINE is not installed"
  elif command -v podman >/dev/null; then
    ENGINE=podman
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    ENGINE=docker
  else
    install_podman
    ENGINE=podman
  fi
  [[ $ENGINE != podman ]] || configure_podman
}

image_exists() { "$ENGINE" image inspect "$1" >/dev/null 2>&1; }

# The first Debian mirror apt uses (deb822 or one-line sources), else deb.debian.org.
debian_mirror() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v '^[[:space:]]*#' |
    grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' | head -n 1 | tr -d '[:space:]' ||
    true
}

# localhost/debian-jre:17: a minimal Debian with the JRE, curl and the images' user (UID 185, the chart's runAsUser).
build_local_base() {
  local suite mirror
  command -v debootstrap >/dev/null || install_podman
  suite=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  suite=${suite:-bookworm}
  mirror=$(debian_mirror)
  mirror=${mirror:-http://deb.debian.org/debian}
  ROOTFS=$(mktemp -d /var/tmp/debian-jre.XXXXXX)
  trap 'as_root rm -rf "$ROOTFS"' EXIT
  local rootfs=$ROOTFS
  echo "images: making $LOCAL_BASE (debootstrap $suite from $mirror, about a minute)"
  as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl "$suite" "$rootfs" "$mirror" \
    >"$rootfs.log" 2>&1 || { tail -n 20 "$rootfs.log" >&2; fail "debootstrap failed (log: $rootfs.log)"; }
  rm -f "$rootfs.log"
  echo 'default:x:185:185:Application user:/home/default:/usr/sbin/nologin' | as_root tee -a "$rootfs/etc/passwd" >/dev/null
  echo 'default:x:185:' | as_root tee -a "$rootfs/etc/group" >/dev/null
  as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  local quiet=()
  [[ $ENGINE != podman ]] || quiet=(--quiet)
  as_root tar -C "$rootfs" -c . | "$ENGINE" import "${quiet[@]}" --change 'CMD ["/bin/bash"]' - "$LOCAL_BASE" >/dev/null
  as_root rm -rf "$rootfs"
}

# image_value BLOCK KEY: a scalar under BLOCK's image: (or under global: for imageRegistry) in values.yaml, unquoted.
image_value() {
  awk -v block="$1:" -v key="$2" '
    /^[^ #]/ { in_block = ($1 == block); in_image = 0 }
    in_block && /^  [^ #]/ { in_image = ($1 == "image:") }
    in_block && in_image && $1 == key ":" { gsub(/"/, "", $2); print $2; exit }' "$VALUES"
}
image_registry() {
  awk '/^[^ #]/ { in_global = ($1 == "global:") }
    in_global && $1 == "imageRegistry:" { gsub(/"/, "", $2); print $2; exit }' "$VALUES"
}

# The chart's reference: a repository whose first part is a host (has "." or ":", or is localhost) is used as it is,
# otherwise global.imageRegistry goes in front (Docker's own rule; the chart's scaling-suite.image helper does the same).
chart_image() {
  local repository tag registry first
  repository=$(image_value "$1" repository) tag=$(image_value "$1" tag) registry=$(image_registry)
  [[ -n $repository && -n $tag ]] || fail "no $1.image.repository or tag in $VALUES"
  first=${repository%%/*}
  if [[ -n $registry && $repository == */* && ($first == *.* || $first == *:* || $first == localhost) ]]; then
    echo "$repository:$tag"
  elif [[ -n $registry ]]; then
    echo "$registry/$repository:$tag"
  else
    echo "$repository:$tag"
  fi
}

# Packages the services when a runner jar is missing or older than what goes into it (the Dockerfiles and tests do not).
package_if_stale() {
  local module jar stale=
  for module in "${MODULES[@]}"; do
    jar=$module/target/quarkus-app/quarkus-run.jar
    if [[ ! -f $jar ]] || [[ -n $(find pom.xml {contracts,internal-auth,"$module"}/pom.xml \
      {contracts,internal-auth,"$module"}/src/main -path '*/src/main/docker' -prune -o -newer "$jar" -print -quit) ]]; then
      stale+=" $module"
    fi
  done
  [[ -z $stale ]] && return 0
  echo "images: packaging$stale ($MVN -q -DskipTests package)"
  $MVN -q -DskipTests package -pl "$(IFS=,; echo "${MODULES[*]}")" -am
}

choose_engine
if [[ $BASE_IMAGE == "$LOCAL_BASE" ]] && ! image_exists "$LOCAL_BASE"; then
  exec 9>"$LOCK_FILE"
  flock 9
  image_exists "$LOCAL_BASE" || build_local_base
  flock -u 9
fi
package_if_stale
for component in catalog aggregation gateway; do
  module=${MODULES[$component]}
  image=$(chart_image "$component")
  echo "images: $image ($module, FROM $BASE_IMAGE, $ENGINE)"
  previous=$("$ENGINE" image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)
  "$ENGINE" build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" -f "$module/src/main/docker/Dockerfile.jvm" -t "$image" "$module" >/dev/null
  # The image this tag named before, now untagged: removed, so rebuilds do not pile up (kept if a container uses it)
  if [[ -n $previous && $previous != "$("$ENGINE" image inspect -f '{{.Id}}' "$image")" ]]; then
    "$ENGINE" rmi "$previous" >/dev/null 2>&1 || true
  fi
done
