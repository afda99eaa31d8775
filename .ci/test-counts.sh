#!/usr/bin/env bash
# Totals of a Maven build's tests, read from its console log, and the container tier's own count.
# Called by .ci/run after the build, also when the build failed.
#
#   .ci/test-counts.sh BUILD_LOG
#
# The console is the source, not the XML reports: when two JUnit engines (Jupiter and jqwik) run
# tests of one class, Surefire writes one report file per class and the second overwrites the first.
# Surefire/Failsafe print one summary line per module run ("Tests run: N, Failures: F, Errors: E,
# Skipped: S" without "-- in <class>"), which are summed here.
set -uo pipefail
log="${1:?usage: test-counts.sh BUILD_LOG}"

# strip ANSI colours; the numbers of the result lines that grep's arguments "$@" keep
numbers() {
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+' \
    | grep "$@" | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+).*/\1 \2 \3 \4/'
}
sum() { awk '{t+=$1; f+=$2; e+=$3; s+=$4; n++} END {printf "%d %d %d %d %d\n", t, f, e, s, n}'; }

read -r t f e s runs < <(numbers -v -e ' -- in ' | sum)
read -r ct cf ce cs cn < <(numbers -e ' -- in io.isacemu.deploy.containers.' | sum)
passed=$((t - f - e - s))
echo "[ci] tests: $t in $runs Surefire/Failsafe runs: $passed passed, $f failed, $e errors, $s skipped"
echo "[ci] container tier: $ct tests ran in $cn classes ($((ct - cf - ce - cs)) passed, $((cf + ce)) failed or errored, $cs skipped)"
echo "$passed passed, $((f + e)) failed, $s skipped"
