#!/usr/bin/env bash
# Installs every Debian 12 package needed to build and test fastcms.
# Idempotent: packages already present are skipped by apt-get.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates
  libcli11-dev libcpp-httplib-dev libsqlite3-dev libyaml-cpp-dev nlohmann-json3-dev
  libarchive-dev doctest-dev libssl-dev libcurl4-openssl-dev libcrypt-dev libvips-dev
  curl python3 sqlite3 wrk
  # bash, zsh and fish load the generated completion scripts in tests; help2man writes the
  # man page from --help; dpkg-dev brings dpkg-shlibdeps, which computes the .deb's Depends;
  # systemd brings systemd-analyze, which checks the packaged unit.
  zsh fish dpkg-dev help2man systemd
)
# Node.js and npm run the end-to-end test with the PocketBase JS SDK. A Node.js that brings its
# own npm (NodeSource's nodejs package provides npm and conflicts with Debian's) is kept as it is.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
