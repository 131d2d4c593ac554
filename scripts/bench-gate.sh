#!/usr/bin/env bash
# What the publish gate costs: the same push of examples/hello (linux/amd64 +
# linux/arm64, build cached after the first round) with publish: always (push
# with the tags, then test) against publish: on-success (push untagged, test,
# then write the tags), interleaved, ROUNDS pairs, on both builders users have:
# the engine's default (docker driver) and a docker-container builder.
# Starts its own registry on 127.0.0.1 and removes it, and the builder, after.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
bash scripts/fetch-busybox.sh "$PWD/examples/hello/rootfs" amd64 arm64 >/dev/null
[[ -f dist/cli/index.js ]] || npm run -s build

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: %s/data}}\nhttp: {addr: "127.0.0.1:%s"}\n' "$work" "$port" >"$work/config.yml"
docker-registry serve "$work/config.yml" >/dev/null 2>&1 &
registry_pid=$!
builder=multiarch-bench-$$
cleanup() {
  kill "$registry_pid" 2>/dev/null || true
  docker buildx rm --force "$builder" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
docker buildx create --name "$builder" --driver docker-container --driver-opt network=host --bootstrap >/dev/null 2>&1

ms() { date +%s%3N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
run() { # builder publish
  local b=()
  [[ $1 == default ]] || b=(--builder "$builder")
  RUNNER_TEMP=$work node dist/cli/index.js --context examples/hello --platforms linux/amd64,linux/arm64 \
    --tags "127.0.0.1:$port/bench/hello:1" --publish "$2" "${b[@]}" >/dev/null
}

printf 'median of %d interleaved pairs (ms)\n' "$rounds"
for b in default docker-container; do
  run "$b" always && run "$b" on-success # warm the build cache
  always='' gated=''
  for ((i = 0; i < rounds; i++)); do
    t0=$(ms); run "$b" always; always+="$(($(ms) - t0))"$'\n'
    t0=$(ms); run "$b" on-success; gated+="$(($(ms) - t0))"$'\n'
  done
  a=$(printf '%s' "$always" | median)
  g=$(printf '%s' "$gated" | median)
  printf '  %-17s publish: always %6d   on-success %6d   gate %+d\n' "$b" "$a" "$g" "$((g - a))"
done
