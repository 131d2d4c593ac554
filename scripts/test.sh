#!/usr/bin/env bash
# The whole test suite: unit tests and the real end-to-end tests (engine, QEMU,
# a registry on 127.0.0.1), after making sure the machine has what they need.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source-path=SCRIPTDIR
source scripts/lib/node.sh
require_node

bash scripts/setup-host.sh
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules ]]; then
  npm ci --no-audit --no-fund
fi
# The end-to-end tests run dist/ as the runner would; make it match src/.
npm run -s build
npm run -s typecheck
npm run -s lint

report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$report" "$@" || status=$?
# One plain closing line, whatever the reporter printed above.
# shellcheck disable=SC2016 # JavaScript, not shell
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" || true
exit "$status"
