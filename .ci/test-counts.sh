#!/usr/bin/env bash
# Sums the Surefire and Failsafe XML reports of this build (every module's target/), prints the totals
# and the container tier's own count. Called by .ci/run after the build, also when the build failed.
#
#   .ci/test-counts.sh [ROOT]        ROOT default: the repository root
set -uo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"

# attr NAME FILE: the attribute of the first <testsuite ...> element (the report's totals)
attr() { grep -o -m1 '<testsuite [^>]*>' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }

sum() { # sum PATTERN... → "tests failures errors skipped files"
  local t=0 f=0 e=0 s=0 n=0 file
  while IFS= read -r file; do
    [ -n "$file" ] || continue
    t=$((t + $(attr tests "$file"))); f=$((f + $(attr failures "$file")))
    e=$((e + $(attr errors "$file"))); s=$((s + $(attr skipped "$file"))); n=$((n + 1))
  done < <(find "$root" -path '*/node_modules' -prune -o -type f \( "$@" \) -print 2>/dev/null)
  echo "$t $f $e $s $n"
}

read -r t f e s n < <(sum -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml')
read -r ct cf ce cs cn < <(sum -path '*/deploy-tests/target/failsafe-reports/TEST-*.containers.*.xml')
passed=$((t - f - e - s))
echo "[ci] test reports: $n classes, $t tests: $passed passed, $f failed, $e errors, $s skipped"
echo "[ci] container tier: $cn classes, $ct tests ran ($((ct - cf - ce - cs)) passed, $((cf + ce)) failed or errored, $cs skipped)"
echo "$passed passed, $((f + e)) failed, $s skipped"
