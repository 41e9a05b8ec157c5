#!/usr/bin/env bash
# `make package-test`: install the package built by `make package` on this
# machine and check the installed programs, not the build tree's: the
# version, a rendered letter, the window (WebDriver), an upgrade over an older
# record and package, and that removing the package leaves the record alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
APT="env DEBIAN_FRONTEND=noninteractive $SUDO apt-get -y -qq"

ARCH=$(dpkg --print-architecture)
DEB=$(ls target/package/amicus_*_"$ARCH".deb)
VERSION=$(dpkg-deb -f "$DEB" Version)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
say() { echo "package-test: $*"; }
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }

# A staff member's session: a home folder of their own, nothing pointed elsewhere.
as_user() { env -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CONFIG_HOME -u AMICUS_DB HOME="$1" "${@:2}"; }

say "installing $DEB"
$APT install "$ROOT/$DEB" >/dev/null
[ "$(dpkg-query -W -f='${Version}' amicus)" = "$VERSION" ] || fail "amicus $VERSION is not installed"
for f in /usr/bin/amicus /usr/bin/amicus-desktop /usr/share/applications/Amicus.desktop \
         /usr/share/metainfo/org.amicus.desktop.metainfo.xml /usr/share/doc/amicus/copyright \
         /usr/share/icons/hicolor/scalable/apps/amicus-desktop.svg; do
  dpkg -S "$f" >/dev/null 2>&1 || fail "$f is not from the package"
done
for s in 16 24 32 48 64 128 256 512; do
  [ -f "/usr/share/icons/hicolor/${s}x${s}/apps/amicus-desktop.png" ] || fail "no ${s}x${s} icon"
done
grep -q "SIL Open Font License" /usr/share/doc/amicus/copyright || fail "the fonts' licence is not in the copyright file"
desktop-file-validate /usr/share/applications/Amicus.desktop || fail "the desktop entry is not valid"
appstreamcli validate --no-net /usr/share/metainfo/org.amicus.desktop.metainfo.xml

say "no test hooks in the installed programs"
# The `test-hooks` feature's environment variables, commands and reports
# (src-tauri/src/hooks.rs) are compiled out of a release build.
for bin in /usr/bin/amicus /usr/bin/amicus-desktop; do
  for hook in $(grep -v '^#' packaging/test-hook-names); do
    n=$(grep -a -c -F -- "$hook" "$bin" || true)
    [ "$n" = 0 ] || fail "$bin holds the test hook '$hook' ($n places)"
  done
done

say "amicus --version"
got=$(/usr/bin/amicus --version)
[ "$got" = "amicus $VERSION" ] || fail "amicus --version says '$got', the package is $VERSION"

say "rendering the sample letter with the installed command"
H1="$WORK/home1"; mkdir -p "$H1"
as_user "$H1" /usr/bin/amicus letters export 1 --out "$WORK/korus.pdf" >/dev/null
text=$(pdftotext "$WORK/korus.pdf" -)
grep -q "Dear Secretary Ross and Ambassador Lighthizer" <<<"$text" || fail "the sample letter's salutation is not in the PDF"
qpdf --check "$WORK/korus.pdf" >/dev/null || fail "qpdf --check"
fonts=$(pdffonts "$WORK/korus.pdf" | awk 'NR>2 {print $(NF-4)}')
[ -n "$fonts" ] && ! grep -qv '^yes$' <<<"$fonts" || fail "a font is not embedded"
[ -f "$H1/.local/share/amicus/amicus.db" ] || fail "the record is not in ~/.local/share/amicus"

say "the installed window, through WebDriver"
H2="$WORK/home2"; mkdir -p "$H2"
as_user "$H2" AMICUS_APP=/usr/bin/amicus-desktop \
  env -u WEBKIT_DISABLE_DMABUF_RENDERER xvfb-run -a node --test packaging/smoke.test.mjs

say "upgrading over an older package and record"
H3="$WORK/home3"; DATA="$H3/.local/share/amicus"; mkdir -p "$DATA"
# A record written by the first schema, as the oldest release left it.
cp crates/store/tests/fixtures/schema-1.db "$DATA/amicus.db"
# The newer package: this one, with a higher version.
NEWER="$VERSION+upgrade1"
dpkg-deb -R "$ROOT/$DEB" "$WORK/newer"
sed -i "s/^Version: .*/Version: $NEWER/" "$WORK/newer/DEBIAN/control"
dpkg-deb --root-owner-group --build "$WORK/newer" "$WORK/amicus_newer.deb" >/dev/null
$APT install "$WORK/amicus_newer.deb" >/dev/null
[ "$(dpkg-query -W -f='${Version}' amicus)" = "$NEWER" ] || fail "the upgrade did not install $NEWER"
shown=$(as_user "$H3" /usr/bin/amicus letters show 1)
grep -q "Continued support for KORUS" <<<"$shown" || fail "the older record's letter is missing after the upgrade: $shown"
grep -q "Wilbur Ross" <<<"$shown" || fail "the older record's recipient is missing after the upgrade: $shown"
[ -f "$DATA/amicus.db.schema-1.bak" ] || fail "no backup was taken before the record was upgraded"

say "removing the package leaves the record"
before=$(cd "$H3" && find .local -type f -print0 | sort -z | xargs -0 sha256sum)
$APT remove amicus >/dev/null
[ ! -e /usr/bin/amicus ] || fail "/usr/bin/amicus is still there after apt-get remove"
after=$(cd "$H3" && find .local -type f -print0 | sort -z | xargs -0 sha256sum)
[ "$before" = "$after" ] || fail "apt-get remove changed the record"
say "passed: amicus $VERSION installs, runs, upgrades and removes cleanly"
