; Clerkfolio's Windows installer, made on Linux by Debian's makensis (.ci/windows; why not by
; `cargo tauri build --bundles nsis`: docs/PACKAGING.md). Like the configured Tauri bundle
; (tauri.conf.json: nsis.installMode "currentUser"), it installs for the current user only, with
; no administrator rights, into %LOCALAPPDATA%\Clerkfolio, as clerks' managed laptops allow.
; The uninstaller never touches the portfolio (%APPDATA%\org.clerkfolio.desktop).
;
;   makensis -DVERSION=0.1.0 -DBINDIR=<folder of the .exe and WebView2Loader.dll> \
;            -DICON=<icons/icon.ico> -DOUTFILE=<…-setup.exe> installer.nsi

Unicode true
; A 64-bit installer for the 64-bit app (it also runs under a 64-bit-only Wine, as CI checks it).
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define PRODUCT "Clerkfolio"
!define IDENTIFIER "org.clerkfolio.desktop"
!define EXE "clerkfolio-desktop.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; Microsoft's registry key for an installed WebView2 runtime (per machine, then per user).
!define WEBVIEW2_KEY "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\${PRODUCT}"
InstallDirRegKey HKCU "Software\${IDENTIFIER}" "InstallDir"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "MIT licence"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${PRODUCT}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ; Windows 10 and 11 come with WebView2; without it the window stays empty. Said, not fetched:
  ; the installer works offline, and IT departments deploy the runtime themselves.
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_KEY}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_OKCANCEL|MB_ICONINFORMATION "${PRODUCT} shows its window with Microsoft Edge WebView2, which this computer does not have yet. Windows 10 and 11 normally include it; otherwise ask your IT department, or install the Evergreen WebView2 Runtime from Microsoft.$\n$\nInstall ${PRODUCT} anyway?" /SD IDOK IDOK install_anyway
    Abort
  ${EndIf}
  install_anyway:
FunctionEnd

Section "${PRODUCT}"
  SetOutPath "$INSTDIR"
  File "${BINDIR}\${EXE}"
  ; The GNU toolchain's build loads WebView2 through this DLL (shipped by the webview2-com crate).
  File "${BINDIR}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "Software\${IDENTIFIER}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  ; The program only: the portfolio in %APPDATA%\${IDENTIFIER} is the clerk's and stays.
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${IDENTIFIER}"
SectionEnd
