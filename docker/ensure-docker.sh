#!/usr/bin/env bash
# Makes a Docker engine and a JRE 17 base image available, for the container test tier
# (./test.sh --containers) and for docker-compose on a fresh Debian machine. Used by .ci/run.
#
#   docker/ensure-docker.sh            prints, as its LAST line, BASE_IMAGE=<image to build from>
#
# 1. Installs Debian's docker.io, docker-compose (1.29) and debootstrap when missing (needs root).
# 2. Starts dockerd in the background when no engine answers: first with the daemon's own storage
#    driver choice (overlay2 where the kernel and file system allow it: an image build takes ~15 s),
#    and only if that daemon does not come up, with --storage-driver=vfs (works everywhere, but every
#    build step copies the whole root file system: ~2-3 min per image on 2 cores). Log:
#    ${DOCKERD_LOG:-/tmp/isac-dockerd.log}.
# 3. Base image: BASE_IMAGE from the environment if set; else eclipse-temurin:17-jre when it is
#    present or can be pulled; else a local one made from Debian packages (docker/make-base-image.sh,
#    isac/jre17:local, about 2 minutes).
# Fails loudly (exit != 0, with the reason) when any step cannot be done: the tier never skips.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "[ensure-docker] $*" >&2; }
die() { echo "[ensure-docker] ERROR: $*" >&2; exit 1; }

engine_up() { docker info >/dev/null 2>&1; }

need=()
command -v dockerd >/dev/null 2>&1 || engine_up || need+=(docker.io)
command -v docker >/dev/null 2>&1 || need+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "missing ${need[*]}; install them (apt-get install ${need[*]}) or run this as root"
  say "installing ${need[*]} from Debian"
  apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2 || die "apt-get install ${need[*]} failed"
fi

start_dockerd() {
  local log="${DOCKERD_LOG:-/tmp/isac-dockerd.log}"
  [ "$(id -u)" -eq 0 ] || die "no Docker engine answers and starting dockerd needs root"
  say "starting dockerd $* (log $log)"
  # setsid + nohup: the daemon outlives this script and the shell that called it
  setsid nohup dockerd "$@" >>"$log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_up && return 0
    sleep 1
  done
  say "dockerd $* did not answer within 60 s; last log lines:"
  tail -n 15 "$log" >&2 || true
  pkill -x dockerd >/dev/null 2>&1 || true
  sleep 3
  return 1
}

if ! engine_up; then
  start_dockerd || start_dockerd --storage-driver=vfs || die "could not start a Docker engine (see ${DOCKERD_LOG:-/tmp/isac-dockerd.log})"
fi
say "engine: $(docker info --format 'Docker {{.ServerVersion}}, storage {{.Driver}}, API' 2>/dev/null) $(docker version --format '{{.Server.APIVersion}}' 2>/dev/null)"

if [ -n "${BASE_IMAGE:-}" ]; then
  base="$BASE_IMAGE"
  docker image inspect "$base" >/dev/null 2>&1 || docker pull "$base" >&2 || die "BASE_IMAGE=$base: neither present nor pullable"
elif docker image inspect eclipse-temurin:17-jre >/dev/null 2>&1 || timeout 120 docker pull eclipse-temurin:17-jre >/dev/null 2>&1; then
  base=eclipse-temurin:17-jre
else
  say "no image registry reachable: using (making if missing) the local JRE 17 base from Debian packages"
  bash docker/make-base-image.sh isac/jre17:local >&2 || die "docker/make-base-image.sh failed"
  base=isac/jre17:local
fi
say "base image: $base"
echo "BASE_IMAGE=$base"
