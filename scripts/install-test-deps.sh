#!/usr/bin/env bash
# Install Debian's PostgreSQL server, Redis server, Chromium, GNU gettext, and Java with Maven
# (for the throwaway search engine of scripts/with-search-engine.sh) when they are missing.
# Nothing else is fetched here:
# Playwright drives /usr/bin/chromium, never a browser of its own.
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# makemessages (the test that every interface string is translated) needs GNU gettext.
command -v xgettext >/dev/null || missing+=(gettext)
command -v javac >/dev/null || missing+=(default-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
# `make bench` (scripts/install-test-deps.sh --bench) also measures HTTP with wrk against nginx.
if [ "${1:-}" = "--bench" ]; then
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing from Debian: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
