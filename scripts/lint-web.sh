#!/usr/bin/env bash
# Lints the pages' ES modules in wwwroot/js with ESLint (eslint.config.js): installs the npm packages first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/web-assets.sh"
npx --no-install eslint wwwroot/js
