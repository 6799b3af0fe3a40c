#!/usr/bin/env bash
# Install what the browser tests need besides Python packages:
#  - Debian's Chromium (/usr/bin/chromium), driven by the Playwright Python
#    package (never `playwright install`, which downloads a browser build);
#  - local copies of the scripts and stylesheets folium's HTML asks CDNs for
#    (tests/browser/package.json pins them; package-lock.json is committed and
#    node_modules/ is git-ignored). Needs Node.js, npm and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: run 'sudo apt-get install chromium' and try again" >&2
    exit 1
  fi
fi

npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error
