#!/usr/bin/env bash
# `make package-windows-test`: install the Windows installer that
# `make package-windows` built into a Wine prefix of its own, silently, as a
# staff member would from a script, and check what was installed: the
# command's version, a rendered letter with its fonts, the record in
# %APPDATA%\amicus, the PATH entry, the window saying in words that WebView2 is
# missing (Wine has no WebView2), and an uninstall that keeps the record.
# Then the amicus command's own tests run as amicus.exe under Wine.
#
# Wine 8 (Debian 12) lacks bcryptprimitives.dll's ProcessPrng, which every
# program built by Rust 1.78 or later imports; the prefix gets a stand-in
# (packaging/windows/test/bcryptprimitives.c), never shipped. A real Windows
# has it, and Malgun Gothic for Korean names: the prefix gets a Noto CJK font.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for p in wine wine64 gcc-mingw-w64-x86-64 poppler-utils qpdf xvfb fonts-noto-cjk osslsigncode openssl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "package-windows-test: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# The test mail server's Python (aiosmtpd), as `make test` has it.
"$PWD/target/tools/pyhanko/bin/python" -c "import aiosmtpd" 2>/dev/null || bash scripts/setup.sh

VERSION=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="amicus-desktop"))')
SETUP="$PWD/target/package/Amicus_${VERSION}_x64-setup.exe"
[ -f "$SETUP" ] || { echo "package-windows-test: $SETUP is missing: run make package-windows"; exit 1; }

WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
export WINEPREFIX="$PWD/target/windows/wine"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
say() { echo "== $*"; }
fail() { echo "package-windows-test: FAILED: $*" >&2; exit 1; }
wine() { "$WINE" "$@"; }
wineserver() { "$WINESERVER" "$@"; }
stop_wine() { wineserver -k 2>/dev/null || true; wineserver -w 2>/dev/null || true; }
trap stop_wine EXIT

say "a fresh Wine prefix"
rm -rf "$WINEPREFIX"
wine wineboot --init >/dev/null 2>&1
wineserver -w
C="$WINEPREFIX/drive_c"
x86_64-w64-mingw32-gcc -O2 -shared -o "$C/windows/system32/bcryptprimitives.dll" \
  packaging/windows/test/bcryptprimitives.c -ladvapi32
cp /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc "$C/windows/Fonts/"
user_dir=$(ls -d "$C"/users/*/ | grep -v '/Public/$' | head -1)
APPDATA_U="${user_dir}AppData/Roaming"
LOCAL_U="${user_dir}AppData/Local"
INSTDIR="${LOCAL_U}/Programs/Amicus"

say "silent install (/S /ADDTOPATH), WebView2 left alone (/SKIPWEBVIEW2)"
wine "$SETUP" /S /ADDTOPATH /SKIPWEBVIEW2
wineserver -w
for f in amicus-desktop.exe WebView2Loader.dll bin/amicus.exe uninstall.exe; do
  [ -f "$INSTDIR/$f" ] || fail "$f is not in $INSTDIR"
done
[ -f "${user_dir}AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Amicus.lnk" ] ||
  fail "no Start-menu entry"
reg=$(wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Amicus' 2>/dev/null | tr -d '\r')
grep -q "DisplayVersion.*$VERSION" <<<"$reg" || fail "the uninstall entry has no version $VERSION: $reg"
path=$(wine reg query 'HKCU\Environment' /v Path 2>/dev/null | tr -d '\r')
grep -qi 'Programs\\Amicus\\bin' <<<"$path" || fail "amicus is not on the user's PATH: $path"

say "the installed command"
got=$(wine "$INSTDIR/bin/amicus.exe" --version | tr -d '\r')
[ "$got" = "amicus $VERSION" ] || fail "amicus.exe --version says '$got'"
OUTDIR="$C/Amicus test out"; mkdir -p "$OUTDIR"
wine "$INSTDIR/bin/amicus.exe" letters export 1 --out 'C:\Amicus test out\korus.pdf' >/dev/null
[ -f "$APPDATA_U/amicus/amicus.db" ] || fail "the record is not in %APPDATA%\\amicus"
text=$(pdftotext "$OUTDIR/korus.pdf" -)
grep -q "Dear Secretary Ross and Ambassador Lighthizer" <<<"$text" || fail "the sample letter's salutation is not in the PDF"
qpdf --check "$OUTDIR/korus.pdf" >/dev/null || fail "qpdf --check"
fonts=$(pdffonts "$OUTDIR/korus.pdf" | awk 'NR>2 {print $(NF-4)}')
[ -n "$fonts" ] && ! grep -qv '^yes$' <<<"$fonts" || fail "a font is not embedded"
# The sample's Korean name, set in the system's CJK font (C:\Windows\Fonts).
# Read whole first: with pipefail, grep -q leaving early would fail the reader (SIGPIPE).
listed=$(pdffonts "$OUTDIR/korus.pdf")
grep -q 'NotoSansCJK' <<<"$listed" || fail "no CJK font from C:\Windows\Fonts in the PDF"

say "a record and a letter under a user name with a space and accents"
# As on a laptop whose user is "Zoë Martín" (C:\Users\Zoë Martín): named in
# UTF-8, which Wine turns into the UTF-16 Windows programs get.
ZOE_U="$C/users/Zoë Martín"; mkdir -p "$ZOE_U"
LC_ALL=C.UTF-8 wine "$INSTDIR/bin/amicus.exe" --db 'C:\users\Zoë Martín\amicus.db' \
  letters export 1 --out 'C:\users\Zoë Martín\Lettre à l’USTR.pdf' >/dev/null ||
  fail "amicus.exe could not keep a record and a letter under C:\users\Zoë Martín"
[ -f "$ZOE_U/amicus.db" ] || fail "the record is not in C:\users\Zoë Martín"
zoe_text=$(pdftotext "$ZOE_U/Lettre à l’USTR.pdf" -)
grep -q "Dear Secretary Ross" <<<"$zoe_text" ||
  fail "the letter exported under C:\users\Zoë Martín is not the sample"

say "the window without WebView2 says so, in words"
rm -rf "$LOCAL_U/amicus/logs"
xvfb-run -a "$WINE" "$INSTDIR/amicus-desktop.exe" >/dev/null 2>&1 &
desktop=$!
said=""
for _ in $(seq 1 60); do
  said=$(cat "$LOCAL_U"/amicus/logs/amicus*.log 2>/dev/null | grep -F "WebView2 Runtime" || true)
  [ -n "$said" ] && break
  sleep 1
done
wineserver -k 2>/dev/null || true
wait "$desktop" 2>/dev/null || true
[ -n "$said" ] || fail "amicus-desktop.exe did not say that WebView2 is missing (logs in %LOCALAPPDATA%\\amicus\\logs)"
grep -q "ERROR" <<<"$said" || fail "the missing WebView2 was not logged as an error: $said"

say "uninstall keeps the record"
before=$(sha256sum "$APPDATA_U/amicus/amicus.db")
wine "$INSTDIR/uninstall.exe" /S
wineserver -w
for _ in $(seq 1 30); do [ -e "$INSTDIR/bin/amicus.exe" ] || break; sleep 1; done
[ ! -e "$INSTDIR/amicus-desktop.exe" ] || fail "the uninstaller left amicus-desktop.exe"
[ ! -e "$INSTDIR/bin/amicus.exe" ] || fail "the uninstaller left amicus.exe"
[ "$before" = "$(sha256sum "$APPDATA_U/amicus/amicus.db")" ] || fail "uninstalling changed the record"
path=$(wine reg query 'HKCU\Environment' /v Path 2>/dev/null | tr -d '\r' || true)
! grep -qi 'Programs\\Amicus\\bin' <<<"$path" || fail "the uninstaller left amicus on PATH: $path"
say "code-signing: the installer signed with a test certificate verifies; a wrong password or a changed byte is caught"
S=$(mktemp -d)
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$S/ca.key" -out "$S/ca.pem" -days 2 \
  -subj "/CN=Amicus Test Root" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$S/sign.key" -out "$S/sign.csr" \
  -subj "/CN=Chamber of Commerce (test)/O=Chamber of Commerce" 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=codeSigning\n' >"$S/ext"
openssl x509 -req -in "$S/sign.csr" -CA "$S/ca.pem" -CAkey "$S/ca.key" -CAcreateserial -days 2 \
  -extfile "$S/ext" -out "$S/sign.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$S/sign.key" -in "$S/sign.pem" -certfile "$S/ca.pem" \
  -passout pass:test-pass -out "$S/sign.pfx"
cp "$SETUP" "$S/setup.exe"
AMICUS_SIGN_PFX="$S/sign.pfx" AMICUS_SIGN_PASSWORD=test-pass bash scripts/sign-windows.sh "$S/setup.exe" >/dev/null
osslsigncode verify -CAfile "$S/ca.pem" -in "$S/setup.exe" >"$S/verify" 2>&1 ||
  { cat "$S/verify"; fail "the signed installer does not verify"; }
grep -q "Chamber of Commerce (test)" "$S/verify" || fail "the signature does not name the publisher"
cp "$SETUP" "$S/other.exe"
! AMICUS_SIGN_PFX="$S/sign.pfx" AMICUS_SIGN_PASSWORD=wrong bash scripts/sign-windows.sh "$S/other.exe" 2>"$S/err" ||
  fail "a wrong certificate password signed anyway"
grep -q "was not signed" "$S/err" || fail "a wrong password was not said: $(cat "$S/err")"
cmp -s "$SETUP" "$S/other.exe" || fail "a failed signing changed the file"
python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[4096]^=1; open(p,"wb").write(b)' "$S/setup.exe"
! osslsigncode verify -CAfile "$S/ca.pem" -in "$S/setup.exe" >/dev/null 2>&1 || fail "a changed byte still verifies"
rm -rf "$S"
say "the amicus command's own tests, as amicus.exe, under Wine"
# Each test runs the Windows amicus.exe it was built with. Those that cannot
# run under Wine, and why (docs/PLATFORMS.md lists them too):
cannot=(
  # They read the PDF with poppler (pdftotext, pdftoppm, pdfinfo), Linux
  # programs a Windows process cannot start; the installer check above reads
  # the installed command's PDF with them from the Linux side instead.
  groups::a_letter_to_the_senate_finance_committee
  # The letterhead file's: pdftoppm, pdftotext, pdfsig read the letter; qpdf
  # makes the encrypted and three-page files that must be refused.
  letterhead::
  paper::envelopes_and_labels_for_a_letters_copies
  record::a_letter_from_draft_to_sent_log
  render::a4_paper_and_a_png_logo_reach_the_pdf_and_the_svg
  render::one_copy_per_recipient_writes_one_pdf_each
  render::the_korus_sample_is_a_valid_two_page_letter
  signing::the_signature_is_drawn_only_once_signed_and_a_signed_letter_keeps_it
  report::the_board_report_agrees_with_the_issue_page
  # The tagged PDF's: pdfinfo reads the structure tree, pdftotext the text,
  # pdfsig the signature.
  tagged::
  # Its fixtures were set with Debian's Noto CJK and DejaVu for the Korean,
  # Japanese, Arabic and Hebrew names; Wine has other fallback fonts.
  render::data_of_format_0_renders_as_the_version_before_tagged_pdf_did
  # The Word export's: python-docx and openxml-audit (Python on Linux), LibreOffice
  # (soffice) and poppler read the .docx back; the export itself is the same code.
  word::
  # The test OpenID provider and its browser are Node programs on Linux
  # (scripts/test-oidc-provider.mjs, test-oidc-browser.mjs), which a Windows
  # process cannot start; the sign-in itself is tested on Linux.
  mailbox::
  # It places the saved team record with XDG_CONFIG_HOME; Windows keeps it
  # in %APPDATA%\amicus, which the test does not set.
  record::the_saved_team_record_is_opened_unless_another_is_named
)
skips=(); for t in "${cannot[@]}"; do skips+=(--skip "$t"); done
# A Windows process under Wine cannot start a Linux program nor reach a Unix
# socket: the test mail servers come from scripts/test-smtp-spawner.py (asked
# over TCP), and the throwaway PostgreSQL server listens on 127.0.0.1.
coproc SPAWNER { exec "$PWD/target/tools/pyhanko/bin/python" scripts/test-smtp-spawner.py; }
read -r -u "${SPAWNER[0]}" ready || fail "the mail-server spawner did not start"
export AMICUS_TEST_SMTP_SPAWNER="127.0.0.1:${ready#READY }"
# The desktop app is named beside the command, with the installer's features,
# only so that cargo settles every library's features as the installer's build
# did and reuses what it compiled: named alone, the command's tests settled
# them otherwise and recompiled 175 crates (7 minutes). Only the command's
# tests (`it`) are built and run.
AMICUS_TEST_PG_TCP=1 AMICUS_REQUIRE_PG=1 bash scripts/with-postgres.sh env \
  CARGO_TARGET_DIR="$PWD/target/windows" CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$WINE" \
  cargo test --release --target x86_64-pc-windows-gnu -p amicus-cli -p amicus-desktop \
    --features tauri/custom-protocol --test it -- --test-threads=2 "${skips[@]}" ||
  fail "the amicus command's tests failed under Wine"
kill "$SPAWNER_PID" 2>/dev/null || true

say "passed: Amicus $VERSION installs, runs and uninstalls under Wine"
