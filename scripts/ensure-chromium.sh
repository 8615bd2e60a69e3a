#!/usr/bin/env bash
# Playwright cannot download its own browser here: use Debian's chromium, installing it when missing.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the e2e tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "No system Chromium found: install one (apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
