#!/usr/bin/env bash
# Shared set-up for run.sh and test.sh: installs the Debian 12 packages that are missing, then
# configures (once) and builds. Quick when nothing changed: one dpkg query and a no-op build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BENCHTOP_BUILD_DIR:-$ROOT/build}"

PACKAGES=(
    cmake g++ ninja-build
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqscintilla2-qt6-dev libgl-dev
    # secrets in the OS keychain (app/SecretStore.h); barcodes on printed labels (inventory)
    qtkeychain-qt6-dev libzint-dev
    # decodes the printed barcodes in tst_ui_inventory_tools
    zbar-tools
    fonts-dejavu-core
    # the mouse-driven drag test runs on xcb under Xvfb (offscreen has no drag loop)
    xvfb xauth
    # independent oracles that the sequence-core tests compare against
    python3 python3-biopython emboss
    # the server suites run a second time on a throw-away PostgreSQL cluster (tests/CMakeLists.txt)
    postgresql
    # Stoplight Prism (tst_server_conformance) runs on Node.js (npm: see below)
    nodejs
)

# Prism checks the server's answers against the Benchling spec; pinned (5.15+ needs Node 24).
PRISM_VERSION=5.14.2
PRISM_DIR="$BUILD/prism"

install_missing_packages() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    # NodeSource's nodejs brings its own npm and conflicts with Debian's npm package.
    command -v npm >/dev/null || missing+=(npm)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "benchtop: installing ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "benchtop: run as root, or install sudo" >&2; exit 1; }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_prism() {
    local installed="$PRISM_DIR/node_modules/@stoplight/prism-cli/package.json"
    if [ -f "$installed" ] && grep -q "\"version\": \"$PRISM_VERSION\"" "$installed"; then
        return 0
    fi
    echo "benchtop: installing @stoplight/prism-cli@$PRISM_VERSION into $PRISM_DIR" >&2
    mkdir -p "$PRISM_DIR"
    [ -f "$PRISM_DIR/package.json" ] || echo '{"private": true}' >"$PRISM_DIR/package.json"
    # No hard failure: tst_server_conformance fails and says why when Prism is missing.
    (cd "$PRISM_DIR" && npm install --no-audit --no-fund --loglevel=error \
        "@stoplight/prism-cli@$PRISM_VERSION") ||
        echo "benchtop: could not install Prism; tst_server_conformance will fail" >&2
}

configure_and_build() {
    if [ ! -f "$BUILD/build.ninja" ]; then
        cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$BUILD" --parallel "$(nproc)"
}

install_missing_packages
install_prism
configure_and_build
