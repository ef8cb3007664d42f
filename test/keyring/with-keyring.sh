#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway, unlocked
# gnome-keyring, so keytar talks to a real Secret Service without touching the
# user's own keyring. Already inside one (KASIR_KEYRING_READY=1)? Just run it.
set -euo pipefail
if [ "${KASIR_KEYRING_READY:-}" = 1 ]; then exec "$@"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/data" "$tmp/run"
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" KASIR_KEYRING_READY=1
dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
