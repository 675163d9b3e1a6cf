#!/usr/bin/env bash
# Used by ./mind: does the checkout need a build before it runs? Exit 0 and one line on stdout when
# it does ("missing <jar>" or "changed <file>"), exit 1 when every jar is newer than every source.
# Sources: everything under */src/main, every pom.xml and k8s/base/ingress.yaml (the front door's
# path table is built into its jar). Compared with the oldest jar, so one edited module is enough.
#   scripts/needs-build.sh [ROOT]
set -euo pipefail
cd "${1:-$(dirname "$(readlink -f "$0")")/..}"

JARS=(local/target/mind-local.jar)
for s in ticket-svc aiagent-svc qualitycheck-svc settings-svc telephony-svc; do
  JARS+=("$s/target/quarkus-app/quarkus-run.jar")
done

oldest=
for jar in "${JARS[@]}"; do
  if [ ! -f "$jar" ]; then echo "missing $jar"; exit 0; fi
  if [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest=$jar; fi
done

sources=(pom.xml)
for f in */pom.xml */src/main k8s/base/ingress.yaml; do [ -e "$f" ] && sources+=("$f"); done
newer=$(find "${sources[@]}" -type f -newer "$oldest" -print -quit)
if [ -n "$newer" ]; then echo "changed $newer"; exit 0; fi
exit 1
