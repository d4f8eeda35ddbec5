# Shell pieces shared by bench/containers.sh and bench/surge.sh (sourced, not run): the chart's values and a container
# started as the chart's pod spec would be. Needs VALUES (helm/scaling-suite/values.yaml) set by the caller.

# chart_value COMPONENT PATH...: a scalar under COMPONENT's block of values.yaml (indentation-nested keys), unquoted.
chart_value() {
  local component=$1
  shift
  awk -v block="$component:" -v path="$*" '
    BEGIN { n = split(path, keys, " ") }
    /^[^ #]/ { in_block = ($1 == block); depth = 0; next }
    !in_block || /^[[:space:]]*(#|$)/ { next }
    {
      level = (match($0, /[^ ]/) - 1) / 2
      if (level <= depth) depth = level - 1
      if (level == depth + 1 && $1 == keys[depth + 1] ":") {
        depth++
        if (depth == n) { v = $2; gsub(/"/, "", v); print v; exit }
      }
    }' "$VALUES"
}

# Mi/Gi -> bytes; 1000m -> cpus
mem_bytes() {
  case $1 in
    *Gi) echo $((${1%Gi} * 1024 * 1024 * 1024)) ;;
    *Mi) echo $((${1%Mi} * 1024 * 1024)) ;;
    *) echo "$1" ;;
  esac
}
cpus() { [[ $1 == *m ]] && awk -v m="${1%m}" 'BEGIN { printf "%g", m / 1000 }' || echo "$1"; }

# chart_image COMPONENT: the image as scripts/images.sh tags it (global.imageRegistry in front of the chart's
# repository), or nothing when podman does not have it.
chart_image() {
  local registry image
  registry=$(awk '/^[^ #]/ { g = ($1 == "global:") } g && $1 == "imageRegistry:" { gsub(/"/, "", $2); print $2; exit }' "$VALUES")
  image=$registry/$(chart_value "$1" image repository):$(chart_value "$1" image tag)
  podman image exists "$image" && echo "$image"
}

# pod_args COMPONENT NAME: `podman run` arguments, one per line, for a container NAME with COMPONENT's
# resources.limits (--memory, --cpus) and securityContext (read-only root with a tmpfs /tmp, UID/GID from
# podSecurityContext, no capabilities, no-new-privileges), on the host network; the caller adds -e and the image.
pod_args() {
  local c=$1 mem cpu uid gid
  mem=$(chart_value "$c" resources limits memory) cpu=$(chart_value "$c" resources limits cpu)
  uid=$(chart_value "$c" podSecurityContext runAsUser) gid=$(chart_value "$c" podSecurityContext runAsGroup)
  [[ -n $mem && -n $cpu && -n $uid ]] || { echo "no resources.limits or runAsUser for $c in $VALUES" >&2; return 1; }
  printf '%s\n' run -d --name "$2" --network host --memory "$(mem_bytes "$mem")" --memory-swap "$(mem_bytes "$mem")" \
    --cpus "$(cpus "$cpu")" --read-only --tmpfs /tmp:rw,size=64m,mode=1777,notmpcopyup --user "$uid:${gid:-$uid}" \
    --cap-drop ALL --security-opt no-new-privileges
}

# cgroup_dir CONTROLLER CONTAINER: the cgroup (v1 CONTROLLER's, or the v2 unified) directory of a running container.
cgroup_dir() {
  local pid rel
  pid=$(podman inspect -f '{{.State.Pid}}' "$2")
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    rel=$(awk -F: '$1 == "0" { print $3 }' "/proc/$pid/cgroup")
    echo "/sys/fs/cgroup$rel"
  else
    rel=$(awk -F: -v c="$1" '$2 ~ "(^|,)" c "(,|$)" { print $3 }' "/proc/$pid/cgroup")
    echo "/sys/fs/cgroup/$1$rel"
  fi
}
