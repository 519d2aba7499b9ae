#!/usr/bin/env bash
# Quick start 1: set up, build, and run Benchtop on its embedded lab server with demo data.
# With no display it runs offscreen and saves a screenshot of the loaded window instead.
# Arguments are passed to the app (e.g. --server URL).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"

APP="$BUILD/app/benchtop"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    shot="${BENCHTOP_SCREENSHOT:-$ROOT/build/benchtop-screenshot.png}"
    echo "benchtop: no display; running offscreen and saving a screenshot" >&2
    QT_QPA_PLATFORM=offscreen exec "$APP" --screenshot "$shot" "$@"
fi
exec "$APP" "$@"
