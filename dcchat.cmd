@echo off
rem DCChat kit for cmd.exe: the same commands as ./dcchat (bash) and dcchat.ps1 (PowerShell), e.g.
rem   dcchat test 1            dcchat test 1 EchoingLines            dcchat progress
rem   dcchat echo-server --mine --port 5000                          dcchat help
rem Needs only a JDK 17+ (java on the PATH). All the logic is in launcher\src\main\java\dcchat\launcher\, in Java;
rem Dcchat runs from its compiled classes when they are there (it compiles them on its first run), else from source.
setlocal
if not exist "%~dp0launcher\target\classes\dcchat\launcher\Dcchat.class" goto source
java "-Ddcchat.home=%~dp0." -cp "%~dp0launcher\target\classes" dcchat.launcher.Dcchat %*
exit /b %ERRORLEVEL%
:source
java "-Ddcchat.home=%~dp0." "%~dp0launcher\src\main\java\dcchat\launcher\Dcchat.java" %*
exit /b %ERRORLEVEL%
