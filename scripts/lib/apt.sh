# shellcheck shell=bash
# apt helpers shared by the setup scripts. The sourcing script defines log()
# and may set APT_PREFIX (e.g. (sudo)) before calling these.

[[ -v APT_PREFIX ]] || APT_PREFIX=()

# apt-get update, bounded: DPkg::Lock::Timeout does not cover the lists lock
# that update takes, so wait for a concurrent apt here (up to 10 min). A mirror
# caught mid-sync fails one index and makes update exit non-zero though the
# others were fetched; that gets one more try, then a warning, and whatever
# follows says clearly if a package really cannot be found.
# Extra arguments are apt options (a private source list, say).
# shellcheck disable=SC2120 # callers elsewhere pass options
apt_update() {
  local deadline=$((SECONDS + 600)) tries=0 out
  while :; do
    out=$("${APT_PREFIX[@]}" apt-get -o DPkg::Lock::Timeout=600 -qq "$@" update 2>&1) && return 0
    if grep -q 'Could not get lock' <<<"$out" && ((SECONDS < deadline)); then
      sleep 3
      continue
    fi
    tries=$((tries + 1))
    ((tries < 2)) || break
    sleep 5
  done
  printf '%s\n' "$out" | grep -E '^(E|W):' | head -n 3 >&2 || true
  log "WARNING: apt-get update reported errors; going on with the lists it has"
  return 1
}

# The host's own lists, refreshed at most once per run (reset apt_updated to
# fetch again, e.g. after dpkg --add-architecture).
apt_updated=
apt_update_once() {
  [[ -z $apt_updated ]] || return 0
  apt_updated=1
  # shellcheck disable=SC2119 # the host's own lists: no options
  apt_update || true
}
