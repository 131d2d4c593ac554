#!/usr/bin/env bash
# Prepares a Debian/Ubuntu host for multiarch-action's real end-to-end tests:
# a Docker engine with the containerd image store and buildx, QEMU user-mode
# emulation registered with binfmt_misc, the registry binary, and ssh.
#
# Safe to run again and again: every step checks first and says what it found.
# On a ready machine a run takes a couple of seconds and changes nothing.
#
# Environment (all optional):
#   MULTIARCH_E2E_DOCKER_SUITE   Debian suite to take the engine from when the
#                                host's own docker.io is too old (default: trixie)
#   MULTIARCH_E2E_DEBIAN_MIRROR  Debian mirror for that suite (default: the one
#                                the host's apt sources use, else deb.debian.org)
set -euo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
SCRIPT_DIR=$(dirname "$SCRIPT")

if [[ $EUID -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -- bash "$SCRIPT" "$@"
  fi
  echo "setup-host: must run as root, and sudo is not installed" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# sudo and minimal shells may leave the sbin directories out, and dockerd,
# update-binfmts and friends live there.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

STATE_DIR=/var/lib/multiarch-e2e
LOG_DIR=/var/log/multiarch-e2e
RUN_DIR=/run/multiarch-e2e
CONTAINERD_SOCK=/run/containerd/containerd.sock
DAEMON_JSON=/etc/docker/daemon.json
HEALTH_IMAGE=multiarch-e2e/healthcheck:local
DOCKER_SUITE=${MULTIARCH_E2E_DOCKER_SUITE:-trixie}
# BuildKit's multi-platform build with the default `docker` driver needs the
# containerd image store, which dockerd offers from 23 on (24+ to be useful).
MIN_DOCKER_MAJOR=23
# Another engineer or a test may run apt at the same time; wait rather than fail.
APT_GET=(apt-get -o DPkg::Lock::Timeout=600 -y -q)

log() { printf 'setup-host: %s\n' "$*"; }
die() { printf 'setup-host: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- apt helpers

# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Installs whichever of the named packages are missing and leaves their names
# in INSTALLED; returns 1 when all were there already. (A global rather than
# output: die() inside a $(...) would only end the subshell.)
INSTALLED=
apt_install_missing() {
  local missing=() p
  INSTALLED=
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  [[ ${#missing[@]} -gt 0 ]] || return 1
  apt_update_once
  "${APT_GET[@]}" -qq --no-install-recommends install "${missing[@]}" >"$LOG_DIR/apt.log" 2>&1 ||
    { tail -n 20 "$LOG_DIR/apt.log" >&2; die "apt-get install ${missing[*]} failed (log: $LOG_DIR/apt.log)"; }
  INSTALLED="${missing[*]}"
}

# Major version of a Debian version string: drops an epoch, keeps the digits
# before the first dot. 0 when there is none.
major_of() {
  local v=${1#*:}
  v=${v%%.*}
  [[ $v =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

# The newest version the host's own archives offer. What is merely installed
# (an engine taken from a newer suite, say) does not count: apt-cache policy
# would name it as the candidate.
candidate_version() {
  apt-cache madison "$1" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | sort -V | tail -n1
}

# ------------------------------------------------------------- engine helpers

docker_answers() { timeout 15 docker info >/dev/null 2>&1; }
buildx_works() { timeout 15 docker buildx version >/dev/null 2>&1; }

dockerd_major() {
  local v
  command -v dockerd >/dev/null 2>&1 || { echo 0; return; }
  v=$(dockerd --version 2>/dev/null | sed -n 's/^Docker version \([0-9][0-9]*\)\..*/\1/p')
  echo "${v:-0}"
}

# Pid of the dockerd this script started, if it is still that process.
our_dockerd_pid() {
  local pid
  pid=$(cat "$RUN_DIR/dockerd.pid" 2>/dev/null) || return 1
  [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]] || return 1
  echo "$pid"
}

containerd_answers() {
  [[ -S $CONTAINERD_SOCK ]] && timeout 10 ctr --address "$CONTAINERD_SOCK" version >/dev/null 2>&1
}

# Daemons get a session of their own (setsid) so that they outlive this script
# and the shell or CI job that ran it, and nothing holds their terminal.
start_containerd() {
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  setsid containerd >>"$LOG_DIR/containerd.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/containerd.pid"
  local _
  for _ in $(seq 1 60); do
    containerd_answers && return 0
    sleep 0.5
  done
  tail -n 30 "$LOG_DIR/containerd.log" >&2 || true
  die "containerd did not answer on $CONTAINERD_SOCK within 30 s (log: $LOG_DIR/containerd.log)"
}

start_dockerd() {
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  setsid dockerd --containerd="$CONTAINERD_SOCK" >>"$LOG_DIR/dockerd.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/dockerd.pid"
  local _
  for _ in $(seq 1 60); do
    docker_answers && return 0
    # A dockerd that already exited will never answer: say so at once.
    kill -0 "$(cat "$RUN_DIR/dockerd.pid")" 2>/dev/null || break
    sleep 1
  done
  tail -n 30 "$LOG_DIR/dockerd.log" >&2 || true
  die "dockerd did not answer 'docker info' within 60 s (log: $LOG_DIR/dockerd.log)"
}

# Only a dockerd this script started is restarted: one that systemd or a user
# runs is theirs to manage.
restart_our_dockerd() {
  local pid _
  pid=$(our_dockerd_pid) || return 1
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$pid" 2>/dev/null && die "dockerd (pid $pid) did not stop within 30 s"
  start_dockerd
}

debian_mirror() {
  if [[ -n ${MULTIARCH_E2E_DEBIAN_MIRROR:-} ]]; then
    echo "$MULTIARCH_E2E_DEBIAN_MIRROR"
    return
  fi
  local uri
  # The first archive URI in the host's sources (one-line or deb822 format),
  # skipping comments and the security archive, which has no trixie/main.
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -v '^[[:space:]]*#' |
    grep -oE 'https?://[^[:space:]]+' |
    grep -E '/debian/?$' | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# The host's docker.io is too old (Debian bookworm has 20.10), so take the
# engine packages from a newer Debian suite. That suite is never added to the
# host's apt sources: its lists live in a private directory and are used only to
# download the .debs, so no other package of the host can drift to it. apt then
# installs the local .debs and fills their dependencies (runc, iptables, tini,
# ...) from the host's own suite: newer suites' runc needs a newer glibc.
install_engine_from_newer_suite() {
  local want=("$@") glibc base tdir opts debs=() p
  glibc=$(ldd --version 2>/dev/null | awk 'NR == 1 { print $NF }')
  [[ $(printf '%s\n' 2.34 "$glibc" | sort -V | head -n1) == 2.34 ]] ||
    die "docker from $DOCKER_SUITE needs glibc >= 2.34, this host has ${glibc:-unknown}"
  [[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]] ||
    die "no Debian archive keyring to verify $DOCKER_SUITE with (install debian-archive-keyring)"

  base=$(debian_mirror)
  tdir=$STATE_DIR/apt-$DOCKER_SUITE
  mkdir -p "$tdir/lists/partial" "$tdir/cache/archives/partial" "$tdir/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $base $DOCKER_SUITE main" >"$tdir/sources.list"
  opts=(
    -o "Dir::Etc::SourceList=$tdir/sources.list"
    -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tdir/lists"
    -o "Dir::Cache=$tdir/cache"
    -o APT::Sandbox::User=root
    # Only this machine's architecture: foreign ones dpkg knows (arm64 for the
    # test images) would fetch lists that are not needed here, and a mirror
    # caught mid-sync on one of them fails the update.
    -o "APT::Architectures=$(dpkg --print-architecture)"
  )
  # The lists are refreshed each time packages are actually needed: stale ones
  # name .debs the mirror no longer has.
  apt_update "${opts[@]}" || true
  rm -f "$tdir/debs"/*.deb
  (cd "$tdir/debs" && "${APT_GET[@]}" -qq "${opts[@]}" download "${want[@]}") >"$LOG_DIR/apt.log" 2>&1 ||
    { tail -n 20 "$LOG_DIR/apt.log" >&2; die "apt-get download ${want[*]} from $DOCKER_SUITE failed"; }
  for p in "$tdir/debs"/*.deb; do debs+=("$p"); done

  apt_update_once
  # runc, iptables and tini named explicitly: they must come from the host's
  # suite, and naming them documents that they are part of the engine.
  "${APT_GET[@]}" -qq --no-install-recommends install runc iptables tini "${debs[@]}" >"$LOG_DIR/apt.log" 2>&1 ||
    { tail -n 20 "$LOG_DIR/apt.log" >&2; die "installing the $DOCKER_SUITE engine packages failed (log: $LOG_DIR/apt.log)"; }
  # Nothing here is needed again: a later install refreshes the lists anyway.
  rm -rf "$tdir"
}

# Step: Docker engine packages (dockerd >= 23, containerd, buildx, CLI).
ensure_engine_packages() {
  local need=() dmajor cand
  dmajor=$(dockerd_major)
  ((dmajor >= MIN_DOCKER_MAJOR)) || need+=(docker.io)
  command -v containerd >/dev/null 2>&1 || need+=(containerd)
  command -v docker >/dev/null 2>&1 || need+=(docker-cli)
  buildx_works || need+=(docker-buildx)
  if [[ ${#need[@]} -eq 0 ]]; then
    log "engine packages: already installed (dockerd $dmajor.x, containerd, buildx)"
    return
  fi

  # Prefer the host's own packages when they are new enough (Ubuntu, newer
  # Debian); decided by version, not by distribution name.
  apt_update_once
  cand=$(candidate_version docker.io)
  if (($(major_of "${cand:-0}") >= MIN_DOCKER_MAJOR)); then
    local native=() p
    for p in "${need[@]}"; do
      # Ubuntu's docker.io carries the CLI itself and has no docker-cli.
      if [[ $p == docker-cli ]]; then
        case $(candidate_version docker-cli) in "" | "(none)") p=docker.io ;; esac
      fi
      native+=("$p")
    done
    "${APT_GET[@]}" -qq --no-install-recommends install "${native[@]}" >"$LOG_DIR/apt.log" 2>&1 ||
      { tail -n 20 "$LOG_DIR/apt.log" >&2; die "apt-get install ${native[*]} failed (log: $LOG_DIR/apt.log)"; }
    log "engine packages: installed ${native[*]} from the host's suites (docker.io $cand)"
  else
    install_engine_from_newer_suite "${need[@]}"
    log "engine packages: installed ${need[*]} from Debian $DOCKER_SUITE (host's docker.io is ${cand:-absent})"
  fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v containerd >/dev/null 2>&1; then
    die "dockerd or containerd still missing after install"
  fi
  buildx_works || die "'docker buildx version' still fails after install"
}

# Step: turn on the containerd image store, which is what lets the default
# `docker` buildx driver build, push and --load several platforms at once.
daemon_json_changed=
ensure_daemon_json() {
  mkdir -p "$(dirname "$DAEMON_JSON")"
  if [[ ! -s $DAEMON_JSON ]]; then
    printf '{\n  "features": {\n    "containerd-snapshotter": true\n  }\n}\n' >"$DAEMON_JSON"
    daemon_json_changed=1
    log "daemon.json: wrote $DAEMON_JSON with the containerd image store"
    return
  fi
  if grep -Eq '"containerd-snapshotter"[[:space:]]*:[[:space:]]*true' "$DAEMON_JSON"; then
    log "daemon.json: containerd image store already on"
    return
  fi
  # Merge into the existing settings rather than replacing them; keep a copy.
  local merged
  merged=$(mktemp)
  if command -v jq >/dev/null 2>&1; then
    jq '.features["containerd-snapshotter"] = true' "$DAEMON_JSON" >"$merged"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.setdefault("features",{})["containerd-snapshotter"]=True; print(json.dumps(d,indent=2))' "$DAEMON_JSON" >"$merged"
  elif command -v node >/dev/null 2>&1; then
    node -e 'const f=require("fs"),d=JSON.parse(f.readFileSync(process.argv[1],"utf8"));(d.features??={})["containerd-snapshotter"]=true;console.log(JSON.stringify(d,null,2))' "$DAEMON_JSON" >"$merged"
  else
    rm -f "$merged"
    die "$DAEMON_JSON exists without features.containerd-snapshotter; add it by hand (no jq, python3 or node to merge it)"
  fi || { rm -f "$merged"; die "could not parse $DAEMON_JSON as JSON"; }
  cp -p "$DAEMON_JSON" "$DAEMON_JSON.bak-multiarch-e2e"
  cat "$merged" >"$DAEMON_JSON"
  rm -f "$merged"
  daemon_json_changed=1
  log "daemon.json: added the containerd image store to $DAEMON_JSON (old one kept as .bak-multiarch-e2e)"
}

# Step: containerd and dockerd running (no systemd here: started by hand).
ensure_daemons() {
  if containerd_answers; then
    log "containerd: already running"
  else
    start_containerd
    log "containerd: started (log: $LOG_DIR/containerd.log)"
  fi

  if docker_answers; then
    if [[ -n $daemon_json_changed ]]; then
      if restart_our_dockerd; then
        log "dockerd: restarted to apply daemon.json"
      else
        log "dockerd: WARNING: running but not started by this script; restart it yourself to apply $DAEMON_JSON"
      fi
    else
      log "dockerd: already running"
    fi
  else
    start_dockerd
    log "dockerd: started (log: $LOG_DIR/dockerd.log)"
  fi
}

# ------------------------------------------------------------------- QEMU

BINFMT=/proc/sys/fs/binfmt_misc
QEMU_REQUIRED=(aarch64 arm)
QEMU_OPTIONAL=(ppc64le s390x riscv64)

# An entry is usable when enabled and registered with the F (fix binary) flag:
# without F the kernel opens the interpreter lazily, inside the container's
# mount namespace, where /usr/bin/qemu-*-static does not exist.
qemu_entry_ok() {
  local f=$BINFMT/qemu-$1
  [[ -r $f ]] || return 1
  [[ $(head -n1 "$f") == enabled ]] || return 1
  grep -Eq '^flags: *[A-Z]*F' "$f"
}

ensure_binfmt_mounted() {
  if [[ -e $BINFMT/register ]]; then
    return
  fi
  modprobe binfmt_misc >/dev/null 2>&1 || true
  mount -t binfmt_misc binfmt_misc "$BINFMT" || die "could not mount binfmt_misc on $BINFMT"
  log "binfmt_misc: mounted on $BINFMT"
}

ensure_qemu() {
  ensure_binfmt_mounted
  local n ok=1
  for n in "${QEMU_REQUIRED[@]}"; do qemu_entry_ok "$n" || ok=; done
  if [[ -n $ok ]]; then
    log "qemu: already registered and enabled with flag F (${QEMU_REQUIRED[*]})"
    return
  fi

  local installed="" done_list=()
  apt_install_missing qemu-user-static binfmt-support && installed=$INSTALLED
  for n in "${QEMU_REQUIRED[@]}" "${QEMU_OPTIONAL[@]}"; do
    local f=$BINFMT/qemu-$n
    if qemu_entry_ok "$n"; then
      done_list+=("$n")
      continue
    fi
    if [[ -e $f ]] && grep -Eq '^flags: *[A-Z]*F' "$f"; then
      echo 1 >"$f" # registered with F but switched off: just switch it on
    else
      # Missing, or registered without F by something else: register afresh.
      [[ -e $f ]] && echo -1 >"$f"
      update-binfmts --enable "qemu-$n" >/dev/null 2>&1 || true
    fi
    qemu_entry_ok "$n" && done_list+=("$n")
  done
  for n in "${QEMU_REQUIRED[@]}"; do
    qemu_entry_ok "$n" || die "qemu-$n is not registered with flag F in $BINFMT (update-binfmts --display qemu-$n)"
  done
  log "qemu: ${installed:+installed $installed; }enabled ${done_list[*]}"
}

# ---------------------------------------------------------- other packages

ensure_registry() {
  # apache2-utils: htpasswd makes the bcrypt entries of the credentials test's registry.
  if apt_install_missing docker-registry apache2-utils; then
    # The tests start their own registry on a free port. Where systemd started
    # the packaged service on :5000, stop it so nothing else listens there.
    if [[ -d /run/systemd/system ]]; then
      systemctl disable --now docker-registry.service >/dev/null 2>&1 || true
    fi
    log "registry: installed $INSTALLED (not started)"
  else
    log "registry: docker-registry already installed"
  fi
}

# The remote-node tests start their own sshd and second dockerd, with a bridge
# of its own (ip) and find leftover processes (pgrep).
ensure_ssh() {
  if apt_install_missing openssh-server openssh-client iproute2 procps; then
    log "ssh: installed $INSTALLED (not started)"
  else
    log "ssh: openssh-server, openssh-client, iproute2 and procps already installed"
  fi
}

# ------------------------------------------------------------- health check

ensure_health_image() {
  if docker image inspect "$HEALTH_IMAGE" >/dev/null 2>&1; then
    log "health image: $HEALTH_IMAGE already present"
    return
  fi
  local arch tmp
  arch=$(docker version --format '{{.Server.Arch}}')
  tmp=$(mktemp -d)
  # No image can be pulled, so the health check runs a static busybox from
  # Debian's archive, imported as a one-file image.
  "$SCRIPT_DIR/fetch-busybox.sh" "$tmp" "$arch" >/dev/null ||
    { rm -rf "$tmp"; die "could not fetch busybox for $arch"; }
  tar -C "$tmp/$arch" -c . | docker import - "$HEALTH_IMAGE" >/dev/null ||
    { rm -rf "$tmp"; die "docker import of $HEALTH_IMAGE failed"; }
  rm -rf "$tmp"
  log "health image: built $HEALTH_IMAGE ($arch busybox)"
}

# Runs a container on the default bridge network. This catches a docker0 that
# vanished (seen after other namespace tooling ran): every RUN step and docker
# run then fails with "adding interface ... to bridge docker0 failed".
health_check() {
  local out
  if out=$(timeout 60 docker run --rm --network bridge "$HEALTH_IMAGE" /bin/busybox ip -o -4 addr show dev eth0 2>&1); then
    log "health: container on the default bridge OK ($(awk '{ print $4; exit }' <<<"$out"))"
    return
  fi
  if grep -qiE 'bridge|docker0' <<<"$out" && our_dockerd_pid >/dev/null; then
    restart_our_dockerd
    if out=$(timeout 60 docker run --rm --network bridge "$HEALTH_IMAGE" /bin/busybox ip -o -4 addr show dev eth0 2>&1); then
      log "health: container on the default bridge OK after restarting dockerd ($(awk '{ print $4; exit }' <<<"$out"))"
      return
    fi
  fi
  printf '%s\n' "$out" >&2
  die "the engine cannot run a container on the default bridge network"
}

# -------------------------------------------- BuildKit for docker-container

BUILDKIT_IMAGE=moby/buildkit:buildx-stable-1

# docker/setup-buildx-action makes a docker-container builder, which runs this
# image: the e2e suite tests that driver too. buildx pulls it as usual; only
# where it can be neither found nor pulled (no Docker Hub) is it made from the
# shared BuildKit binaries, when that folder is there.
ensure_buildkit_image() {
  if docker image inspect "$BUILDKIT_IMAGE" >/dev/null 2>&1; then
    log "buildkit: $BUILDKIT_IMAGE already present"
    return
  fi
  if timeout 90 docker pull -q "$BUILDKIT_IMAGE" >"$LOG_DIR/buildkit-pull.log" 2>&1; then
    log "buildkit: pulled $BUILDKIT_IMAGE"
    return
  fi
  local shared
  shared=$(cd "$SCRIPT_DIR/../.." 2>/dev/null && pwd)/shared/buildkit/load-image.sh
  [[ -f $shared ]] ||
    die "cannot pull $BUILDKIT_IMAGE ($(tail -n 1 "$LOG_DIR/buildkit-pull.log")) and there is no $shared to make it"
  bash "$shared" >"$LOG_DIR/buildkit-load.log" 2>&1 ||
    { tail -n 20 "$LOG_DIR/buildkit-load.log" >&2; die "load-image.sh failed (log: $LOG_DIR/buildkit-load.log)"; }
  log "buildkit: $BUILDKIT_IMAGE could not be pulled; made it with $shared"
}

# -------------------------------------------------------------------- main

main() {
  local started=$SECONDS
  mkdir -p "$STATE_DIR" "$LOG_DIR" "$RUN_DIR"

  if docker_answers && buildx_works && ! our_dockerd_pid >/dev/null; then
    # As on GitHub's runners: an engine someone else manages is left alone.
    log "engine: docker answers and buildx works; leaving the engine alone"
  else
    ensure_daemon_json # before any install, so a dockerd the package starts already has it
    ensure_engine_packages
    ensure_daemons
  fi
  ensure_qemu
  ensure_registry
  ensure_ssh
  ensure_health_image
  health_check
  ensure_buildkit_image
  log "done in $((SECONDS - started)) s"
}

main "$@"
