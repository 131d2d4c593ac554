#!/usr/bin/env bash
# Quick start: prepare this machine (engine, buildx, QEMU), then build the
# bundled example for linux/amd64 and linux/arm64, load it locally, smoke-test
# and architecture-check each platform, and print the per-platform table.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR
source scripts/lib/node.sh
require_node

bash scripts/setup-host.sh
bash scripts/fetch-busybox.sh examples/hello/rootfs amd64 arm64
# dist/ is committed and self-contained: no npm install needed to run it.
node dist/cli/index.js \
  --context examples/hello \
  --platforms linux/amd64,linux/arm64 \
  --push false \
  --smoke-expect '^hello from (x86_64|aarch64)$' \
  "$@"
