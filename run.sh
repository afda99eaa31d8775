#!/usr/bin/env bash
# README command 1: the platform's main job on the embedded default.
# Builds everything, starts training-service, bs-service and three device-services (video, audio,
# text) as separate JVMs on loopback, trains, runs the experiment in every gate mode, prints
# Table I (extended), writes results/table1.{json,csv}, and stops everything (also on Ctrl-C).
# Options: --samples N (test samples per row, default 200, max 600) --epochs E (default 20)
#          --lambda L (deployed gate's λ, one of 0 0.3 0.5 0.7 1; default 0.5) --out DIR
# With a scenario file first (./run.sh scenarios/bandwidth-sweep.yaml [options]): runs its sweep points
# and replications on the services started once, results in results/<scenario>/<timestamp>/; the
# options then override the file's values. --help lists everything.
set -euo pipefail
cd "$(dirname "$0")"
echo "[run.sh] building (first run downloads dependencies from Maven Central) ..."
mvn -B -q -ntp -Dstyle.color=never package -DskipTests 2>&1 | sed "s/\x1b\[[0-9;]*m//g"
exec java -jar isac-demo/target/isac-demo.jar --repo . "$@"
