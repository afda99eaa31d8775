#!/usr/bin/env bash
# README command 1: the platform's main job on the embedded default.
# Today: the reference ISAC scenario of the system model (channels, optimal scheduler, cost model).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -pl isac-core -am package -DskipTests
exec java -cp isac-core/target/isac-core-0.1.0-SNAPSHOT.jar io.isacemu.core.scenario.ReferenceScenario "$@"
