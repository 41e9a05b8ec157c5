#!/usr/bin/env bash
# `make package`: the Debian package (and an RPM) of the desktop app and the
# `amicus` command, built by the Tauri bundler from a release build. Writes
# target/package/amicus_VERSION_ARCH.deb and checks it with lintian.
set -euo pipefail
cd "$(dirname "$0")/.."

# What building and checking a package needs, beyond `make test`'s tools.
missing=()
for p in dpkg-dev lintian appstream desktop-file-utils help2man; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "package: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

VERSION=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="amicus-desktop"))')
ARCH=$(dpkg --print-architecture)
OUT=target/package
rm -rf "$OUT" && mkdir -p "$OUT"

# The metainfo's newest release is the version being packaged.
grep -q "<release version=\"$VERSION\"" packaging/org.amicus.desktop.metainfo.xml ||
  { echo "package: packaging/org.amicus.desktop.metainfo.xml has no <release version=\"$VERSION\">"; exit 1; }
head -1 packaging/changelog | grep -q "^amicus ($VERSION)" ||
  { echo "package: packaging/changelog does not start with version $VERSION"; exit 1; }
appstreamcli validate --no-net packaging/org.amicus.desktop.metainfo.xml

# The copyright file: Amicus, its data, and the fonts built into it.
{
  cat packaging/copyright.in
  sed -e '1,4d' -e 's|^Files: \*$|Files: crates/typeset/fonts/*|' crates/typeset/fonts/LICENSE-LiberationSerif.txt
} > "$OUT/copyright"

# The UI without its test hooks (ui/vite.config.ts), checked: their commands,
# the preview's marks and the benchmarks' empty page are not in what ships.
(cd ui && env -u AMICUS_TEST_HOOKS npm run build)
if [ -e ui/dist/empty.html ] || grep -rqE 'export_path_override|open_path_override|app_ready|__amicusPreviewMarks' ui/dist; then
  echo "package: ui/dist holds the test hooks"; exit 1
fi
# Both programs in one build, so they share one set of compiled libraries
# (built apart, their features differ and everything compiles twice).
cargo build --release -p amicus-desktop -p amicus-cli --features tauri/custom-protocol

# Manual pages (the command's from its own --help) and the Debian changelog.
help2man --no-info --no-discard-stderr --name "draft, render and track formal letters to officials" \
  --output "$OUT/amicus.1" target/release/amicus
gzip -9n -c "$OUT/amicus.1" > "$OUT/amicus.1.gz"
gzip -9n -c packaging/amicus-desktop.1 > "$OUT/amicus-desktop.1.gz"
gzip -9n -c packaging/changelog > "$OUT/changelog.gz"

# Depends from the libraries the two programs link, as Debian computes them.
shlibs=$(mktemp -d)
mkdir -p "$shlibs/debian"
printf 'Source: amicus\n\nPackage: amicus\nArchitecture: any\n' > "$shlibs/debian/control"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O -e"$OLDPWD/target/release/amicus-desktop" -e"$OLDPWD/target/release/amicus" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
rm -rf "$shlibs"
# The window's own font is looked up by name, not linked.
depends="$depends, fonts-liberation2"
echo "package: Depends: $depends"
python3 - "$depends" > "$OUT/tauri.deb.json" <<'PY'
import json, sys
deps = [d.strip() for d in sys.argv[1].split(",") if d.strip()]
print(json.dumps({"bundle": {"linux": {"deb": {"depends": deps}}}}))
PY

TAURI=ui/node_modules/.bin/tauri
(cd src-tauri && "../$TAURI" bundle --ci --bundles deb,rpm --config "../$OUT/tauri.deb.json")
cp "target/release/bundle/deb/Amicus_${VERSION}_${ARCH}.deb" "$OUT/amicus_${VERSION}_${ARCH}.deb"
cp target/release/bundle/rpm/Amicus-"${VERSION}"-1.*.rpm "$OUT/" 2>/dev/null || echo "package: no RPM was made"

# No errors; the warnings kept are listed (and justified) in docs/PLATFORMS.md.
lintian --fail-on error "$OUT/amicus_${VERSION}_${ARCH}.deb" | tee "$OUT/lintian.txt"
echo "package: $OUT/amicus_${VERSION}_${ARCH}.deb"
