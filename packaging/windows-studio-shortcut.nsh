; Infostand Studio's Start menu shortcut for the NSIS installer: the
; Studio is `infostand.exe studio`, a window of the same app, and the
; county's editor starts it from the Start menu. Hooked into Tauri's
; installer template through bundle.windows.nsis.installerHooks
; (tauri.conf.json). The installer is per machine, so $SMPROGRAMS is the
; all-users Start menu, where the template puts Infostand's own shortcut.
; Not yet built on Windows: see docs/install.md.

!macro NSIS_HOOK_POSTINSTALL
  CreateShortcut "$SMPROGRAMS\Infostand Studio.lnk" "$INSTDIR\${MAINBINARYNAME}.exe" "studio" "$INSTDIR\${MAINBINARYNAME}.exe" 0
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  Delete "$SMPROGRAMS\Infostand Studio.lnk"
!macroend
