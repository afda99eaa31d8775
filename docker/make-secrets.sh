#!/bin/sh
# The platform's secrets: the control plane's API key (X-Api-Key of every write of the BS and the
# training service) and one random token per device. Nothing here is a default anyone can guess.
#
#   make-secrets.sh files OUT ID...
#       compose's `secrets` service. Writes, keeping whatever already exists (a restart keeps them):
#         OUT/control/api-key          the API key: $BS_API_KEY when set, else 48 random hex digits
#         OUT/bs/device-tokens/ID      the BS's copy of each device's token (isac.bs.auth.device-tokens-dir)
#         OUT/bs/shared-token          token of the scaled device-extra replicas (their ids are
#         OUT/extra/shared-token         container ids, unknown in advance)
#         OUT/ID/ID                    the device's own copy: its volume holds its token only
#       then OUT/.ready. Files are 0400, owned by 10001 (the user every isac image runs as).
#   make-secrets.sh serve OUT ID...
#       as `files`, then idles until SIGTERM (compose's healthcheck waits for OUT/.ready; a
#       service that exited would end `docker-compose up --exit-code-from demo` at once)
#   make-secrets.sh k8s N [NAMESPACE]
#       prints two Secrets for `kubectl apply -f -`: isac-secrets (api-key) and isac-device-tokens
#       (device-0 .. device-<N-1>, the StatefulSet's pod names); NAMESPACE defaults to isac.
set -eu

random() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

# keep $1 if it exists, else write $2 to it
keep_or_write() {
  if [ ! -s "$1" ]; then
    mkdir -p "$(dirname "$1")"
    umask 077
    printf '%s' "$2" > "$1.tmp"
    mv "$1.tmp" "$1"
  fi
}

idle=no
if [ "${1:-}" = serve ]; then
  idle=yes
  shift
  set -- files "$@"
fi

case "${1:-}" in
  files)
    [ $# -ge 2 ] || { echo "make-secrets.sh files: give OUT and the device ids" >&2; exit 64; }
    out="$2"
    shift 2
    keep_or_write "$out/control/api-key" "${BS_API_KEY:-$(random)}"
    shared="$(random)"
    keep_or_write "$out/bs/shared-token" "$shared"
    keep_or_write "$out/extra/shared-token" "$(cat "$out/bs/shared-token")"
    for id in "$@"; do
      case "$id" in
        ''|.*|*/*) echo "make-secrets.sh: '$id' is not a device id" >&2; exit 64 ;;
      esac
      keep_or_write "$out/bs/device-tokens/$id" "$(random)"
      rm -f "$out/$id/$id"
      keep_or_write "$out/$id/$id" "$(cat "$out/bs/device-tokens/$id")"
    done
    # every isac image runs as 10001; only it may read the secrets
    chown -R 10001:10001 "$out"/* 2>/dev/null || true
    find "$out" -type f -exec chmod 0400 {} +
    touch "$out/.ready"
    echo "make-secrets.sh: API key in $out/control/api-key; device tokens for: $*"
    if [ "$idle" = yes ]; then
      trap 'exit 0' TERM INT
      while :; do
        sleep 3600 &
        wait $!
      done
    fi
    ;;
  k8s)
    n="${2:?make-secrets.sh k8s N [NAMESPACE]: N = device replicas}"
    ns="${3:-isac}"
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: isac-secrets\n  namespace: %s\n' "$ns"
    printf '  labels:\n    app.kubernetes.io/part-of: isac-emu\ntype: Opaque\nstringData:\n'
    printf '  api-key: "%s"\n---\n' "${BS_API_KEY:-$(random)}"
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: isac-device-tokens\n  namespace: %s\n' "$ns"
    printf '  labels:\n    app.kubernetes.io/part-of: isac-emu\ntype: Opaque\nstringData:\n'
    i=0
    while [ "$i" -lt "$n" ]; do
      printf '  device-%d: "%s"\n' "$i" "$(random)"
      i=$((i + 1))
    done
    ;;
  *)
    echo "usage: make-secrets.sh files|serve OUT ID... | make-secrets.sh k8s N [NAMESPACE]" >&2
    exit 64
    ;;
esac
