#!/usr/bin/env bash
# README command 2: every test — the fast tier (unit, slice, in-process and DJL tests of every
# module) and the scenario tier (the whole platform as separate JVMs, profile `scenario`).
#
#   ./test.sh                  fast + scenario tiers            (= mvn -B -ntp verify -Pscenario)
#   ./test.sh --containers     + the container tier, last in the same build (profile `containers`:
#                              images built from the Dockerfiles, the platform and docker-compose.yml
#                              run in Docker). Needs a Docker engine: docker/ensure-docker.sh installs
#                              and starts one (root) and prints the BASE_IMAGE to build from. Without
#                              an engine that tier FAILS; it never skips.
# Any other argument goes to Maven (e.g. -o, -DskipTests).
# Fast tier only: mvn -B verify
set -euo pipefail
cd "$(dirname "$0")"
profiles=scenario
args=()
for a in "$@"; do
  case "$a" in
    --containers) profiles=scenario,containers ;;
    *) args+=("$a") ;;
  esac
done
exec mvn -B -ntp verify -P"$profiles" ${args[@]+"${args[@]}"}
