#!/usr/bin/env bash
# README command 2: every test — the fast tier (unit, slice, in-process and DJL tests of every
# module) and the scenario tier (the whole platform as separate JVMs, profile `scenario`).
# Fast tier only: mvn -B verify
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify -Pscenario "$@"
