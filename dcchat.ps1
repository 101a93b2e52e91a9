# DCChat kit for PowerShell: the same commands as ./dcchat (bash) and dcchat.cmd (cmd), e.g.
#   .\dcchat.ps1 test 1        .\dcchat.ps1 test 1 EchoingLines        .\dcchat.ps1 progress
#   .\dcchat.ps1 echo-server --mine --port 5000                        .\dcchat.ps1 help
# Needs only a JDK 17+ (java on the PATH). All the logic is in launcher/src/main/java/dcchat/launcher/, in Java;
# Dcchat runs from its compiled classes when they are there (it compiles them on its first run), else from source.
# If PowerShell refuses to run scripts here, give the same commands to .\dcchat.cmd, or once:
#   Set-ExecutionPolicy -Scope CurrentUser RemoteSigned
$classes = Join-Path $PSScriptRoot 'launcher/target/classes'
$launcher = Join-Path $PSScriptRoot 'launcher/src/main/java/dcchat/launcher/Dcchat.java'
if (Test-Path (Join-Path $classes 'dcchat/launcher/Dcchat.class')) {
    & java "-Ddcchat.home=$PSScriptRoot" -cp $classes dcchat.launcher.Dcchat @args
} else {
    & java "-Ddcchat.home=$PSScriptRoot" $launcher @args
}
exit $LASTEXITCODE
