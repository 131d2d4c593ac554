# shellcheck shell=bash
# Stops early, with the fix, when Node.js is missing or older than 20 (the
# bundle, vitest and the tooling need it; GitHub's runners and this project's
# machines have it).
require_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if ((major < 20)); then
    echo "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none)). Install it, e.g. from your distribution (Debian trixie: apt-get install nodejs) or nodejs.org, then run this again." >&2
    exit 1
  fi
}
