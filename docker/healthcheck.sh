#!/bin/bash
# Docker HEALTHCHECK with nothing but bash: GET http://127.0.0.1:PORT/PATH over /dev/tcp and succeed
# only on an HTTP 200 (Spring's actuator answers 503 when DOWN).
#   healthcheck.sh PORT [PATH]      PATH default /actuator/health
# Why not curl/wget: the JRE base images (eclipse-temurin:17-jre, or the debootstrap one of
# make-base-image.sh) are not guaranteed to ship either. Why not `java Health.java`: the single-file
# source launcher needs the jdk.compiler module, which a JRE image may lack, and a JVM per probe
# costs ~0.5 s of CPU and tens of MB every interval. bash is Essential in Debian/Ubuntu.
set -u
port="${1:?usage: healthcheck.sh PORT [PATH]}"
path="${2:-/actuator/health}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&-
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "health: ${status:-no answer}" >&2; exit 1 ;;
esac
