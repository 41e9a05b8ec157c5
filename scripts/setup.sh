#!/usr/bin/env bash
# Installs what building, running and testing Amicus needs, skipping what is
# already present. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential pkg-config   # Tauri 2 on Linux
  xvfb xauth webkit2gtk-driver                        # headless window + WebDriver for e2e
  poppler-utils qpdf                                  # pdftotext, pdffonts, qpdf --check in tests
  fonts-noto-cjk                                      # fallback glyphs for Korean, Japanese, Chinese names
  fonts-liberation2                                   # the window's own font (Liberation Sans): without it
                                                      # WebKit's first paint searches every font (~50 ms)
  libnss3-tools python3-venv                          # signature tests: certutil for pdfsig's trust store,
                                                      # a venv for pyHanko (from PyPI)
  postgresql                                          # the team record's tests start a throwaway server
                                                      # (scripts/with-postgres.sh)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # One command, so the webkit packages' versions match.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# LibreOffice Writer and Calc without their GUI, for the Word export's and the board report's
# tests: `soffice --headless --convert-to` opens the .docx (or the report's .xlsx) as a reader
# would, and what it reads is compared with Amicus's own PDF (or CSV) (crates/cli/tests). Without
# the recommended packages (a desktop's, not a test's).
for pkg in libreoffice-writer-nogui libreoffice-calc-nogui; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    echo "setup: installing $pkg"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$pkg"
  fi
done

# CUPS and its PDF printer, for the printing tests: each test starts a print server of its own in a
# temporary folder (crates/testkit/src/cups.rs) with a cups-pdf queue; nothing is left running.
# Without the recommended packages (no network printer discovery).
cups_missing=()
for p in cups-daemon cups-client printer-driver-cups-pdf; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || cups_missing+=("$p")
done
if [ ${#cups_missing[@]} -gt 0 ]; then
  echo "setup: installing ${cups_missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${cups_missing[@]}"
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# cargo-deny, which `make check` runs over the dependencies (deny.toml,
# scripts/deny.sh), pinned; from crates.io, built here (about 3 minutes).
CARGO_DENY_VERSION=0.20.2
if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  echo "setup: installing cargo-deny $CARGO_DENY_VERSION"
  cargo install cargo-deny --version "=$CARGO_DENY_VERSION" --locked
fi

# Test tools from PyPI, in one venv under target/tools.
# pyHanko, the second validator of signed PDFs (crates/pades/tests), pinned.
PYHANKO_VENV=target/tools/pyhanko
if [ ! -x "$PYHANKO_VENV/bin/pyhanko" ]; then
  echo "setup: installing pyHanko"
  python3 -m venv "$PYHANKO_VENV"
  "$PYHANKO_VENV/bin/pip" install -q --disable-pip-version-check "pyHanko==0.38.0" "pyhanko-cli==0.6.0"
fi
# aiosmtpd, the real mail server the e-mail tests start (scripts/test-smtp-server.py), pinned.
if ! "$PYHANKO_VENV/bin/python" -c "import aiosmtpd" 2>/dev/null; then
  echo "setup: installing aiosmtpd"
  "$PYHANKO_VENV/bin/pip" install -q --disable-pip-version-check "aiosmtpd==1.4.6"
fi

# The Word export's readers (crates/cli/tests): python-docx reads the paragraphs with their style
# names; openxml-audit, a pure-Python port of the Open XML SDK's validator, checks every part
# against the ECMA-376 schemas as Word's own SDK does. Both pinned.
if ! "$PYHANKO_VENV/bin/python" -c "import docx, openxml_audit" 2>/dev/null; then
  echo "setup: installing python-docx and openxml-audit"
  "$PYHANKO_VENV/bin/pip" install -q --disable-pip-version-check "python-docx==1.2.0" "openxml-audit==0.8.0"
fi
# oidc-provider, the real OpenID provider the mailbox sign-in tests start
# (scripts/test-oidc-provider.mjs), pinned, in its own folder under target/tools.
OIDC_PROVIDER_VERSION=9.13.3
OIDC_DIR=target/tools/oidc-provider
if [ "$(node -p "require('./$OIDC_DIR/node_modules/oidc-provider/package.json').version" 2>/dev/null)" != "$OIDC_PROVIDER_VERSION" ]; then
  echo "setup: installing oidc-provider $OIDC_PROVIDER_VERSION"
  mkdir -p "$OIDC_DIR"
  (cd "$OIDC_DIR" && npm install --no-audit --no-fund --silent --save-exact "oidc-provider@$OIDC_PROVIDER_VERSION")
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund)
fi
