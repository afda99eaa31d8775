#!/bin/sh
# Container entrypoint of every isac service image (POSIX sh: the base image may be a minimal Debian).
#
#   exec java $JAVA_OPTS -jar /opt/isac/app.jar "$@"
#
# JAVA_OPTS (set in the Dockerfile) carries the container JVM flags; append to it, do not replace it
# unless you mean to. DJL_CACHE_DIR / ENGINE_CACHE_DIR must be writable (PyTorch natives are
# extracted there from the jar; ai.djl.offline=true forbids any download).
#
# Single-device mode (device-service only): when DEVICE_MODALITY is set, the shipped three-device
# list of application.yml is replaced by ONE device, through Spring's relaxed binding
# (ISAC_DEVICE_DEVICES_0_*). Spring takes a list from the highest-priority source that has any
# element of it, so every field of devices[0] is set here, including the auth token.
#   DEVICE_MODALITY   video | audio | text | ordinal
#                     ordinal: from the trailing "-N" of the pod/host name, N mod 3 -> video, audio, text
#                     (a StatefulSet's pods are <name>-0, <name>-1, ...)
#   DEVICE_ID         default: the pod/host name (POD_NAME, else HOSTNAME)
#   DEVICE_SENSING_RATE_BPS, DEVICE_X_M, DEVICE_Y_M   default: the reference values of the modality
#   PLATFORM_SEED     default 42; with an ordinal N the device uses PLATFORM_SEED + N, otherwise a
#                     seed derived from DEVICE_ID, so that devices get independent channels (every
#                     single-device process is device index 0 of its own platform)
#   DEVICE_AUTH_TOKEN the device's token (its own, or the BS's shared token); may be empty
#   DEVICE_TOKENS_DIR when DEVICE_AUTH_TOKEN is empty: the token is the file named by the device id
#                     in this directory (compose: the device's secrets volume; k8s: the mounted
#                     Secret isac-device-tokens); a missing file stops the container, naming it
#
# Secrets from files (Docker's _FILE convention, for every image): BS_API_KEY_FILE,
# TRAINING_API_KEY_FILE, BS_DEVICE_TOKEN_FILE and DEVICE_AUTH_TOKEN_FILE name a file whose content
# becomes BS_API_KEY, TRAINING_API_KEY, BS_DEVICE_TOKEN or DEVICE_AUTH_TOKEN.
set -eu

# the content of file $2, for variable $1; stops the container when it cannot be read
secret_file() {
  if [ ! -r "$2" ]; then
    echo "entrypoint: $1=$2 is not a readable file" >&2
    exit 64
  fi
  cat "$2"
}
if [ -n "${BS_API_KEY_FILE:-}" ]; then
  BS_API_KEY="$(secret_file BS_API_KEY_FILE "$BS_API_KEY_FILE")"; export BS_API_KEY
fi
if [ -n "${TRAINING_API_KEY_FILE:-}" ]; then
  TRAINING_API_KEY="$(secret_file TRAINING_API_KEY_FILE "$TRAINING_API_KEY_FILE")"; export TRAINING_API_KEY
fi
if [ -n "${BS_DEVICE_TOKEN_FILE:-}" ]; then
  BS_DEVICE_TOKEN="$(secret_file BS_DEVICE_TOKEN_FILE "$BS_DEVICE_TOKEN_FILE")"; export BS_DEVICE_TOKEN
fi
if [ -n "${DEVICE_AUTH_TOKEN_FILE:-}" ]; then
  DEVICE_AUTH_TOKEN="$(secret_file DEVICE_AUTH_TOKEN_FILE "$DEVICE_AUTH_TOKEN_FILE")"; export DEVICE_AUTH_TOKEN
fi

if [ -n "${DEVICE_MODALITY:-}" ]; then
  name="${POD_NAME:-${HOSTNAME:-$(hostname)}}"
  id="${DEVICE_ID:-$name}"
  modality="$DEVICE_MODALITY"
  ordinal=""
  case "$name" in
    *-[0-9]*) ordinal="${name##*-}" ;;
  esac
  case "$ordinal" in
    *[!0-9]*) ordinal="" ;;
  esac
  if [ "$modality" = "ordinal" ]; then
    if [ -z "$ordinal" ]; then
      echo "entrypoint: DEVICE_MODALITY=ordinal needs a name ending in -N, got '$name'" >&2
      exit 64
    fi
    case $((ordinal % 3)) in
      0) modality=video ;;
      1) modality=audio ;;
      *) modality=text ;;
    esac
  fi
  # reference values of application.yml (video-0, audio-0, text-0)
  case "$modality" in
    video|V) rate=4.0e6;   x=50;   y=0 ;;
    audio|A) rate=128.0e3; x=0;    y=80 ;;
    text|T)  rate=100;     x=-120; y=-40 ;;
    *) echo "entrypoint: DEVICE_MODALITY must be video, audio, text or ordinal, got '$modality'" >&2
       exit 64 ;;
  esac
  base_seed="${PLATFORM_SEED:-42}"
  if [ -n "$ordinal" ]; then
    seed=$((base_seed + ordinal))
  else
    seed=$((base_seed + $(printf '%s' "$id" | cksum | cut -d' ' -f1) % 100000))
  fi
  export PLATFORM_SEED="$seed"
  export ISAC_DEVICE_DEVICES_0_ID="$id"
  export ISAC_DEVICE_DEVICES_0_MODALITY="$modality"
  export ISAC_DEVICE_DEVICES_0_SENSINGRATEBPS="${DEVICE_SENSING_RATE_BPS:-$rate}"
  export ISAC_DEVICE_DEVICES_0_TXPOWERDBM="${DEVICE_TX_POWER_DBM:-23}"
  export ISAC_DEVICE_DEVICES_0_CPUHZ=1.0e9
  export ISAC_DEVICE_DEVICES_0_FLOPSPERCYCLE=8
  export ISAC_DEVICE_DEVICES_0_XM="${DEVICE_X_M:-$x}"
  export ISAC_DEVICE_DEVICES_0_YM="${DEVICE_Y_M:-$y}"
  export ISAC_DEVICE_DEVICES_0_MOBILITY_TYPE=random-waypoint
  export ISAC_DEVICE_DEVICES_0_MOBILITY_MINSPEEDMPS=0.5
  export ISAC_DEVICE_DEVICES_0_MOBILITY_MAXSPEEDMPS=1.5
  export ISAC_DEVICE_DEVICES_0_MOBILITY_PAUSES=1
  export ISAC_DEVICE_DEVICES_0_MOBILITY_CELLRADIUSM=200
  token="${DEVICE_AUTH_TOKEN:-}"
  if [ -z "$token" ] && [ -n "${DEVICE_TOKENS_DIR:-}" ]; then
    token="$(secret_file "DEVICE_TOKENS_DIR/<id>" "$DEVICE_TOKENS_DIR/$id")"
  fi
  export ISAC_DEVICE_DEVICES_0_AUTHTOKEN="$token"
  echo "entrypoint: single device id=$id modality=$modality platform-seed=$seed bs=${BS_HOST:-localhost}:${BS_PORT:-9090}"
fi

# JAVA_OPTS is split on spaces on purpose (several flags in one variable).
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar /opt/isac/app.jar "$@"
