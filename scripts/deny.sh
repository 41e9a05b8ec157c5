#!/usr/bin/env bash
# `make check`'s dependency checks (deny.toml): licences, duplicate crates,
# sources, and known advisories from the RustSec snapshot in
# ../shared/advisory-db (or $AMICUS_ADVISORY_DB).
#
# cargo-deny reads an advisory database only from a git repository, and here
# never fetches one (--offline: no network, and the crates are the ones
# `cargo build` fetched). So the snapshot is copied into a fresh repository
# at the place deny.toml's db-path names for the default database. Without a
# snapshot, the other checks still run and the advisories are said to be
# unchecked, loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

SNAPSHOT=${AMICUS_ADVISORY_DB:-../shared/advisory-db}
# Where cargo-deny 0.20 opens the default database (rustsec/advisory-db)
# under deny.toml's db-path: the URL's last segment and a hash of it.
DB=target/advisory-dbs/advisory-db-3157b0e258782691

checks=(bans licenses sources)
if [ -d "$SNAPSHOT/crates" ]; then
  rm -rf "$DB"
  mkdir -p "$(dirname "$DB")"
  cp -R "$SNAPSHOT" "$DB"
  chmod -R u+w "$DB"
  git -C "$DB" init -q
  git -C "$DB" add -A
  git -C "$DB" -c user.name=amicus -c user.email=amicus@localhost -c commit.gpgsign=false \
    commit -qm "RustSec snapshot" --no-verify
  taken=$(grep -o '[0-9a-f]\{40\} of [0-9-]*' "$SNAPSHOT/SNAPSHOT.txt" 2>/dev/null || echo "of an unknown date")
  echo "deny: advisories from the RustSec snapshot in $SNAPSHOT (commit $taken)"
  checks+=(advisories)
else
  echo "deny: WARNING: no RustSec snapshot at $SNAPSHOT: known advisories are NOT checked" >&2
fi

# Crates in two or more versions are warnings (deny.toml): counted here,
# listed by `cargo deny --offline check bans`.
cargo deny --offline check --allow duplicate "${checks[@]}"
dups=$(cargo deny --offline --format json check bans 2>&1 | grep -c '"code":"duplicate"' || true)
echo "deny: warning: $dups crates come in more than one version (cargo deny --offline check bans lists them)"
