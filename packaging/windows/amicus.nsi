; Amicus per-user installer, compiled on Linux by Debian's makensis 3.08:
;   makensis -V2 -DVERSION=0.1.0 -DSRC=<dir with the payload> -DOUTFILE=<setup.exe> amicus.nsi
; SRC holds amicus-desktop.exe, amicus.exe, WebView2Loader.dll, icon.ico.
; Command line (besides NSIS's own /S and /D=dir): /ADDTOPATH  /SKIPWEBVIEW2

Unicode true
Target amd64-unicode            ; 64-bit stub: Debian ships Stubs/*-amd64-unicode and Plugins/amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user      ; per-user, never asks for admin

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef SRC
  !error "pass -DSRC=dir"
!endif
!ifndef OUTFILE
  !define OUTFILE "Amicus_${VERSION}_x64-setup.exe"
!endif

!define PRODUCT    "Amicus"
!define PUBLISHER  "The Amicus developers"
!define UNINSTKEY  "Software\Microsoft\Windows\CurrentVersion\Uninstall\Amicus"
!define WV2GUID    "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WV2URL     "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Amicus"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName"     "${PRODUCT}"
VIAddVersionKey "ProductVersion"  "${VERSION}"
VIAddVersionKey "FileVersion"     "${VERSION}"
VIAddVersionKey "CompanyName"     "${PUBLISHER}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "LegalCopyright"  "2026 ${PUBLISHER}"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include WordFunc.nsh
!include Sections.nsh
!include x64.nsh

!define MUI_ICON   "${SRC}\icon.ico"
!define MUI_UNICON "${SRC}\icon.ico"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\amicus-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Amicus"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Var SkipWebView2

Section "Amicus (required)" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SRC}\amicus-desktop.exe"
  File "${SRC}\WebView2Loader.dll"      ; windows-gnu builds load it at start-up
  SetOutPath "$INSTDIR\bin"             ; only the command goes on PATH
  File "${SRC}\amicus.exe"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\Amicus.lnk" "$INSTDIR\amicus-desktop.exe"

  WriteRegStr   HKCU "${UNINSTKEY}" "DisplayName"     "${PRODUCT}"
  WriteRegStr   HKCU "${UNINSTKEY}" "DisplayVersion"  "${VERSION}"
  WriteRegStr   HKCU "${UNINSTKEY}" "Publisher"       "${PUBLISHER}"
  WriteRegStr   HKCU "${UNINSTKEY}" "DisplayIcon"     "$INSTDIR\amicus-desktop.exe"
  WriteRegStr   HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr   HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr   HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section /o "Add the amicus command to PATH" SecPath
  ; NSIS strings stop at NSIS_MAX_STRLEN (1024 in Debian's build): never rewrite a PATH we may have cut.
  ReadRegStr $0 HKCU "Environment" "Path"
  StrLen $1 $0
  ${If} $1 >= 1000
    MessageBox MB_ICONINFORMATION|MB_OK "Your PATH is too long to change safely. Add $INSTDIR\bin to it by hand." /SD IDOK
    Return
  ${EndIf}
  ClearErrors
  ${WordFind} ";$0;" ";$INSTDIR\bin;" "E+1{" $2
  ${If} ${Errors}                         ; not there yet
    ${If} $0 == ""
      WriteRegExpandStr HKCU "Environment" "Path" "$INSTDIR\bin"
    ${Else}
      WriteRegExpandStr HKCU "Environment" "Path" "$0;$INSTDIR\bin"
    ${EndIf}
    SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
  ${EndIf}
  WriteRegDWORD HKCU "${UNINSTKEY}" "AddedToPath" 1
SectionEnd

Section "-WebView2"
  ${If} $SkipWebView2 == 1
    Return
  ${EndIf}
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WV2GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WV2GUID}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    DetailPrint "WebView2 $0 is installed."
    Return
  ${EndIf}

  DetailPrint "Downloading the WebView2 Runtime bootstrapper..."
  InitPluginsDir
  StrCpy $1 "$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe"
  ; The path reaches PowerShell through the environment, so no quoting can break.
  System::Call 'kernel32::SetEnvironmentVariable(t "AMICUS_WV2", t r1)'
  ; HTTPS with Windows' own curl (Windows 10 1803 and later), else PowerShell.
  nsExec::ExecToLog '"$SYSDIR\curl.exe" --fail --location --silent --show-error --output "$1" "${WV2URL}"'
  Pop $2
  ${If} $2 != 0
    nsExec::ExecToLog `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "[Net.ServicePointManager]::SecurityProtocol = 'Tls12'; Invoke-WebRequest -UseBasicParsing -Uri '${WV2URL}' -OutFile $$env:AMICUS_WV2"`
    Pop $2
  ${EndIf}
  ${If} $2 == 0
    ; Run only what Microsoft signed.
    nsExec::ExecToLog `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$s = Get-AuthenticodeSignature -LiteralPath $$env:AMICUS_WV2; if ($$s.Status -ne 'Valid' -or $$s.SignerCertificate.Subject -notmatch 'O=Microsoft Corporation') { exit 1 }"`
    Pop $2
  ${EndIf}
  ${If} $2 == 0
    DetailPrint "Installing the WebView2 Runtime..."
    ExecWait '"$1" /silent /install' $2
  ${EndIf}
  ${If} $2 != 0
    MessageBox MB_ICONEXCLAMATION|MB_OK "The WebView2 Runtime could not be installed ($2). Amicus needs it to show its window: install it from https://developer.microsoft.com/microsoft-edge/webview2/ and start Amicus again." /SD IDOK
  ${EndIf}
SectionEnd

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Amicus needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ADDTOPATH" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecPath}
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/SKIPWEBVIEW2" $R1
  ${IfNot} ${Errors}
    StrCpy $SkipWebView2 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  ReadRegDWORD $0 HKCU "${UNINSTKEY}" "AddedToPath"
  ${If} $0 == 1
    ReadRegStr $1 HKCU "Environment" "Path"
    StrLen $2 $1
    ${If} $2 < 1000
      ${un.WordReplace} ";$1;" ";$INSTDIR\bin;" ";" "+" $1
      StrCpy $1 $1 "" 1                   ; drop the leading ;
      StrCpy $1 $1 -1                     ; and the trailing one
      WriteRegExpandStr HKCU "Environment" "Path" $1
      SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
  ${EndIf}
  Delete "$SMPROGRAMS\Amicus.lnk"
  Delete "$INSTDIR\bin\amicus.exe"
  RMDir  "$INSTDIR\bin"
  Delete "$INSTDIR\amicus-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir  "$INSTDIR"                     ; only if empty: never /r on a folder the user chose
  DeleteRegKey HKCU "${UNINSTKEY}"
  ; The letters, database and settings (%APPDATA%\amicus and the app's data folders) stay.
SectionEnd
