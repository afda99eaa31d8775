#!/usr/bin/env bash
# The reference ISAC scenario of the system model alone (no services, no learning):
# channels + optimal scheduler + cost model per frame. Args: [seed] [frames].
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -Dstyle.color=never -pl isac-core -am package -DskipTests 2>&1 | sed "s/\x1b\[[0-9;]*m//g"
exec java -cp isac-core/target/isac-core-0.1.0-SNAPSHOT.jar io.isacemu.core.scenario.ReferenceScenario "$@"
