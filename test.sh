#!/usr/bin/env bash
# Runs every test of the platform (README command 2).
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
