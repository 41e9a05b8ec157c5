#!/usr/bin/env bash
# `make package-windows`: the Windows installer, built on this Linux machine.
# Cross-compiles the desktop app and the `amicus` command for
# x86_64-pc-windows-gnu with mingw-w64 and compiles packaging/windows/amicus.nsi
# with Debian's makensis into target/package/Amicus_VERSION_x64-setup.exe.
#
# Not Tauri's NSIS bundler: on Linux it downloads nsis_tauri_utils.dll from
# GitHub at every build (checked by hash, no offline switch) and its script
# needs RestartManager.nsh, which Debian's NSIS 3.08 lacks. Our own script
# needs nothing from the network at build time; WebView2 is fetched by the
# installer on the user's computer, only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TARGET=x86_64-pc-windows-gnu
# Its own target folder: the Linux build's lock and artifacts stay apart.
export CARGO_TARGET_DIR="$PWD/target/windows"

missing=()
for p in gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "package-windows: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"

VERSION=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="amicus-desktop"))')
OUT=target/package
STAGE=target/windows/stage
mkdir -p "$OUT"
rm -rf "$STAGE" && mkdir -p "$STAGE"

# The UI without its test hooks, checked as for the Debian package.
(cd ui && env -u AMICUS_TEST_HOOKS npm run build)
if [ -e ui/dist/empty.html ] || grep -rqE 'export_path_override|open_path_override|app_ready|__amicusPreviewMarks' ui/dist; then
  echo "package-windows: ui/dist holds the test hooks"; exit 1
fi
# Both programs in one build, so they share one set of compiled libraries.
cargo build --release --target "$TARGET" -p amicus-desktop -p amicus-cli --features tauri/custom-protocol
R="$CARGO_TARGET_DIR/$TARGET/release"

# What the programs load must be on every Windows 10/11, or shipped beside
# them (WebView2Loader.dll: windows-gnu builds load it at start-up).
allowed='^(kernel32|user32|gdi32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|shlwapi|ws2_32|bcrypt|bcryptprimitives|crypt32|secur32|ncrypt|ntdll|userenv|uxtheme|dwmapi|version|winmm|imm32|setupapi|propsys|dwrite|d2d1|msimg32|winspool\.drv|api-ms-win-[a-z0-9-]+|msvcrt|combase|webview2loader|cfgmgr32|powrprof|iphlpapi|dbghelp|rpcrt4|credui|wininet|winhttp|urlmon|netapi32|mpr|usp10|windowscodecs|oleacc|dnsapi|synchronization)\.dll$'
for exe in amicus-desktop.exe amicus.exe; do
  bad=$(x86_64-w64-mingw32-objdump -p "$R/$exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | grep -vE "$allowed" || true)
  if [ -n "$bad" ]; then
    echo "package-windows: $exe loads DLLs a Windows computer may not have: $bad"; exit 1
  fi
done
for exe in amicus-desktop.exe amicus.exe; do
  for hook in $(grep -v '^#' packaging/test-hook-names); do
    if grep -qaF -- "$hook" "$R/$exe"; then
      echo "package-windows: $exe holds the test hook '$hook'"; exit 1
    fi
  done
done

cp "$R/amicus-desktop.exe" "$R/amicus.exe" "$R/WebView2Loader.dll" src-tauri/icons/icon.ico "$STAGE/"
# Signed with the organization's certificate when one is given (see
# scripts/sign-windows.sh); unsigned otherwise, and said so.
if [ -n "${AMICUS_SIGN_PFX:-}" ]; then
  bash scripts/sign-windows.sh "$STAGE/amicus-desktop.exe" "$STAGE/amicus.exe"
fi
makensis -V2 -DVERSION="$VERSION" -DSRC="$PWD/$STAGE" \
  -DOUTFILE="$PWD/$OUT/Amicus_${VERSION}_x64-setup.exe" packaging/windows/amicus.nsi
if [ -n "${AMICUS_SIGN_PFX:-}" ]; then
  bash scripts/sign-windows.sh "$OUT/Amicus_${VERSION}_x64-setup.exe"
else
  echo "package-windows: not code-signed (set AMICUS_SIGN_PFX and AMICUS_SIGN_PASSWORD to sign)"
fi
ls -l "$OUT/Amicus_${VERSION}_x64-setup.exe"
