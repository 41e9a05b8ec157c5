#!/usr/bin/env bash
# scripts/sign-windows.sh FILE…
#
# Authenticode-signs Windows programs and installers in place with the
# organization's code-signing certificate, so SmartScreen and "Apps & features"
# name the publisher. `make package-windows` calls it on amicus-desktop.exe,
# amicus.exe and the installer when AMICUS_SIGN_PFX is set:
#   AMICUS_SIGN_PFX        the certificate and its key (a .pfx / .p12 file)
#   AMICUS_SIGN_PASSWORD   its password (read from a file of mode 600, never
#                          on a command line other users' `ps` can see)
#   AMICUS_SIGN_TIMESTAMP  optional: an RFC 3161 time-stamping server's URL, so
#                          the signature outlives the certificate
# Uses osslsigncode (Debian), SHA-256.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 FILE…" >&2; exit 2; }
: "${AMICUS_SIGN_PFX:?AMICUS_SIGN_PFX names no certificate (.pfx)}"
[ -r "$AMICUS_SIGN_PFX" ] || { echo "sign-windows: cannot read the certificate $AMICUS_SIGN_PFX" >&2; exit 1; }

if ! command -v osslsigncode >/dev/null; then
  echo "sign-windows: installing osslsigncode"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq osslsigncode
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(umask 077; printf '%s' "${AMICUS_SIGN_PASSWORD:-}" >"$tmp/pass")
ts=()
[ -z "${AMICUS_SIGN_TIMESTAMP:-}" ] || ts=(-ts "$AMICUS_SIGN_TIMESTAMP")
for f in "$@"; do
  if ! osslsigncode sign -pkcs12 "$AMICUS_SIGN_PFX" -readpass "$tmp/pass" -h sha256 \
       -n "Amicus" "${ts[@]}" -in "$f" -out "$tmp/signed" >"$tmp/log" 2>&1; then
    echo "sign-windows: $f was not signed:" >&2
    cat "$tmp/log" >&2
    exit 1
  fi
  mv "$tmp/signed" "$f"
  echo "sign-windows: signed $f"
done
