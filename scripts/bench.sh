#!/usr/bin/env bash
# Measures what the action adds on top of the docker work it has to do.
#
# Builds examples/hello for linux/amd64 + linux/arm64 (cached after the first
# round) and runs each platform, three ways, ROUNDS times each:
#   bare     the docker commands alone: buildx build --load, then one docker run
#            per platform, one after the other, as a hand-written step would;
#   action   the bundled CLI with smoke tests only (--verify-arch false);
#   +arch    the bundled CLI with the ELF architecture check as well.
# Prints the median wall time of each and the action's overhead over bare.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-7}
tag=multiarch-bench/hello:latest

bash scripts/fetch-busybox.sh "$PWD/examples/hello/rootfs" amd64 arm64 >/dev/null
[[ -f dist/cli/index.js ]] || npm run -s build

ms() { date +%s%3N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

bare() {
  docker buildx build -q --platform linux/amd64,linux/arm64 --load -t "$tag" examples/hello >/dev/null
  docker run --rm --platform linux/amd64 "$tag" >/dev/null
  docker run --rm --platform linux/arm64 "$tag" >/dev/null
}
action() {
  node dist/cli/index.js --context examples/hello --tags "$tag" --push false "$@" >/dev/null
}

declare -A samples=()
bare && action && action --verify-arch false # warm the build cache
for ((i = 0; i < rounds; i++)); do
  for kind in bare action arch; do
    t0=$(ms)
    case $kind in
      bare) bare ;;
      action) action --verify-arch false ;;
      arch) action ;;
    esac
    samples[$kind]+="$(($(ms) - t0))"$'\n'
  done
done

b=$(printf '%s' "${samples[bare]}" | median)
a=$(printf '%s' "${samples[action]}" | median)
c=$(printf '%s' "${samples[arch]}" | median)
printf 'median of %d rounds (ms)\n' "$rounds"
printf '  bare docker commands       %6d\n' "$b"
printf '  action, smoke only         %6d   overhead %+d\n' "$a" "$((a - b))"
printf '  action, smoke + arch check %6d   overhead %+d\n' "$c" "$((c - b))"
docker rmi "$tag" >/dev/null 2>&1 || true
