#!/usr/bin/env bash
# Builds a local Java 17 JRE base image from Debian packages, for machines where no image registry
# is reachable (`docker pull eclipse-temurin:17-jre` fails). Then build the service images with
#   --build-arg BASE_IMAGE=isac/jre17:local        (docker-compose: BASE_IMAGE=isac/jre17:local)
#
#   docker/make-base-image.sh [--force] [IMAGE]     IMAGE default isac/jre17:local
#
# What it does: debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates
# bookworm into a temporary directory, from the Debian mirror apt already uses on this machine (read
# from /etc/apt/sources.list and /etc/apt/sources.list.d/*.{list,sources}; override with MIRROR=URL),
# then `tar | docker import`. About a minute and ~480 MB. Idempotent: an existing IMAGE is kept
# unless --force. Needs root (debootstrap) and a running Docker engine.
set -euo pipefail

force=false
image=isac/jre17:local
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "make-base-image: unknown option $arg" >&2; exit 64 ;;
    *) image="$arg" ;;
  esac
done
suite="${SUITE:-bookworm}"
say() { echo "[make-base-image] $*"; }
die() { echo "[make-base-image] ERROR: $*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || die "docker is not installed (Debian: apt-get install docker.io)"
docker info >/dev/null 2>&1 || die "the Docker engine is not running or not reachable (start dockerd first)"

if docker image inspect "$image" >/dev/null 2>&1 && [ "$force" = false ]; then
  say "$image already exists: nothing to do (use --force to rebuild)"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "debootstrap needs root: run it with sudo or as root"

if ! command -v debootstrap >/dev/null 2>&1; then
  say "installing debootstrap with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
    || die "could not install debootstrap"
fi

# The Debian mirror apt uses here: first non-security URI of an enabled deb source (deb822 or one-line).
find_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN{RS="";FS="\n"}
         /(^|\n)Types:[^\n]*deb([ \n]|$)/ && !/(^|\n)Enabled: *no/ {
           for (i=1;i<=NF;i++) if ($i ~ /^URIs:/) { split(substr($i,6),u," "); print u[1] } }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "$f"
  done
}
mirror="${MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(find_mirror | grep -v -- '-security' | grep -i 'debian' | head -n 1 || true)"
fi
[ -n "$mirror" ] || die "no Debian mirror found in apt's sources; set MIRROR=<url of a Debian mirror>"
say "suite $suite from mirror $mirror"

dir="$(mktemp -d /tmp/isac-jre17-rootfs.XXXXXX)"
cleanup() { rm -rf --one-file-system "$dir"; }
trap cleanup EXIT

say "debootstrap into $dir (about a minute) ..."
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
  "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 \
  || { tail -n 30 "$dir.log" >&2; die "debootstrap failed (full log: $dir.log)"; }
rm -f "$dir.log"
# No chroot check: the JVM needs /proc, which a bare chroot lacks; the image is checked after import.
[ -x "$dir/usr/bin/java" ] || die "no /usr/bin/java in the new root file system (openjdk-17-jre-headless missing?)"
rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*

say "importing as $image ..."
tar -C "$dir" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["bash"]' \
  - "$image" >/dev/null
if ! out="$(docker run --rm "$image" java -version 2>&1)"; then
  docker image rm "$image" >/dev/null 2>&1 || true
  die "java does not run in $image: $out"
fi
say "java in $image: $(printf '%s' "$out" | head -n 1)"
say "done: $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
say "next: BASE_IMAGE=$image docker-compose build   (or docker build --build-arg BASE_IMAGE=$image ...)"
