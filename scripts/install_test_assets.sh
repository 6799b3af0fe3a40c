#!/usr/bin/env bash
# Install what the browser tests need besides Python packages: Debian's
# Chromium headless shell (/usr/bin/chromium-headless-shell, package
# chromium-headless-shell, built from Debian's chromium source), driven by the
# Playwright Python package (never `playwright install`, which downloads a
# browser build). The headless shell is the build Playwright itself runs for
# headless Chromium: the same Blink engine without the desktop browser around
# it, which loads and draws a page on about half the CPU. The pages carry
# Leaflet inline from the xstatic-leaflet package, and the tests answer tile
# requests locally, so no other web assets are needed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium-headless-shell ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
  else
    echo "Chromium's headless shell is missing: run 'sudo apt-get install chromium-headless-shell' and try again" >&2
    exit 1
  fi
fi
