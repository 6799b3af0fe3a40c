#!/usr/bin/env bash
# Install what the browser tests need besides Python packages: Debian's
# Chromium (/usr/bin/chromium), driven by the Playwright Python package (never
# `playwright install`, which downloads a browser build). The pages carry
# Leaflet inline from the xstatic-leaflet package, and the tests answer tile
# requests locally, so no other web assets are needed.
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
