#!/usr/bin/env bash
# Usage: scripts/fetch-busybox.sh DEST [ARCH...]
#
# Puts Debian's static busybox for each Docker architecture ARCH (default:
# amd64 arm64) at DEST/<arch>/bin/busybox. The layout matches a Dockerfile's
# `COPY rootfs/${TARGETARCH}/ /`, which is how the bundled example and the
# end-to-end tests build real multi-platform images without pulling any base
# image: Debian's archive is the only source of binaries that every machine of
# this project can reach.
#
# Idempotent: an arch whose busybox is already in place is left alone, and apt
# is touched only for arches that still need fetching.
set -euo pipefail

log() { printf 'fetch-busybox: %s\n' "$*"; }
die() { printf 'fetch-busybox: error: %s\n' "$*" >&2; exit 1; }

if [[ $# -lt 1 || $1 == -h || $1 == --help ]]; then
  echo "usage: $0 DEST [ARCH...]   (Docker arch names; default: amd64 arm64)" >&2
  exit 2
fi
dest=$1
shift
arches=("$@")
[[ ${#arches[@]} -gt 0 ]] || arches=(amd64 arm64)

# Only adding an architecture and refreshing apt's lists need root; a user who
# already has every busybox should not be asked for a password.
SUDO=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 && SUDO=(sudo)
fi

# Another engineer (or setup-host.sh) may be running apt at the same time.
APT_LOCK=(-o DPkg::Lock::Timeout=600)

# Docker's TARGETARCH names differ from Debian's for a few architectures.
deb_arch_for() {
  case $1 in
    amd64 | arm64 | s390x | riscv64 | mips64el) echo "$1" ;;
    arm) echo armhf ;;
    386) echo i386 ;;
    ppc64le) echo ppc64el ;;
    mips64le) echo mips64el ;;
    *) return 1 ;;
  esac
}

# Accept `linux/arm/v7` or `arm/v7` as well as `arm`: TARGETARCH never carries
# the OS or the variant, so neither may end up in the directory name.
docker_arch_of() {
  local a=${1#linux/}
  echo "${a%%/*}"
}

candidate_of() {
  apt-cache policy "busybox-static:$1" 2>/dev/null | awk '/Candidate:/ { print $2; exit }'
}

APT_PREFIX=("${SUDO[@]}") # read by lib/apt.sh
# shellcheck source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"

# Whether any of apt's Debian suites publishes packages for this architecture
# (bookworm has no riscv64, for one). Checked before adding it to dpkg: an
# architecture no suite serves would only make every later apt-get update
# noisier.
archive_serves() {
  grep -h '^Architectures:' /var/lib/apt/lists/*InRelease 2>/dev/null | grep -qw -- "$1"
}

add_arch() {
  local native _
  native=$(dpkg --print-architecture)
  [[ $1 == "$native" ]] && return 0
  dpkg --print-foreign-architectures | grep -qx -- "$1" && return 0
  archive_serves "$1" || die "the configured Debian suites publish no $1 packages"
  # dpkg --add-architecture takes dpkg's lock and, unlike apt, cannot wait for
  # it, so wait here (bounded) while someone else installs packages.
  for _ in $(seq 1 60); do
    if "${SUDO[@]}" dpkg --add-architecture "$1" 2>/dev/null; then
      apt_updated= # the new architecture's package lists are not fetched yet
      return 0
    fi
    sleep 5
  done
  die "could not add dpkg architecture $1 (dpkg lock held for 5 minutes?)"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dest"

# Three passes so that apt's lists are refreshed at most once, however many
# architectures are new: an update per architecture costs tens of seconds each.
todo=()
for want in "${arches[@]}"; do
  arch=$(docker_arch_of "$want")
  if [[ -x $dest/$arch/bin/busybox ]]; then
    log "$arch: already at $dest/$arch/bin/busybox"
    continue
  fi
  deb_arch_for "$arch" >/dev/null || die "no Debian architecture known for Docker arch '$want'"
  todo+=("$arch")
done
[[ ${#todo[@]} -gt 0 ]] || exit 0

[[ -n $(ls /var/lib/apt/lists/*InRelease 2>/dev/null) ]] || apt_update_once
for arch in "${todo[@]}"; do
  add_arch "$(deb_arch_for "$arch")"
done
for arch in "${todo[@]}"; do
  cand=$(candidate_of "$(deb_arch_for "$arch")")
  [[ -n $cand && $cand != "(none)" ]] || apt_update_once
done

for arch in "${todo[@]}"; do
  debarch=$(deb_arch_for "$arch")
  target=$dest/$arch/bin/busybox
  cand=$(candidate_of "$debarch")
  [[ -n $cand && $cand != "(none)" ]] ||
    die "apt knows no busybox-static for $debarch (Docker arch $arch) in the configured suites"

  work=$tmp/$debarch
  mkdir -p "$work/root"
  # APT::Sandbox::User=root: the temp dir is private to us, so apt's unprivileged
  # download user could not write into it.
  (cd "$work" && apt-get "${APT_LOCK[@]}" -qq -o APT::Sandbox::User=root download "busybox-static:$debarch") ||
    die "apt-get download busybox-static:$debarch failed"
  dpkg -x "$work"/busybox-static_*.deb "$work/root"
  src=$(find "$work/root" -type f -name busybox -path '*/bin/busybox' | head -n1)
  [[ -n $src ]] || die "busybox-static:$debarch holds no bin/busybox"

  # Copy then rename, so a concurrent reader never sees a half-written binary.
  mkdir -p "$(dirname "$target")"
  install -m 0755 "$src" "$target.tmp.$$"
  mv -f "$target.tmp.$$" "$target"
  log "$arch: busybox-static:$debarch $cand -> $target"
done
