@echo off
rem Keeps the Willay kiosk running on Windows: starts it again 3 seconds after it ends, for any
rem reason (a crash, a close). Run at log-on by the scheduled task in willay-task.xml
rem (docs/keeping-it-running.md). To stop it: end the "Willay" task in Task Scheduler.
:again
"%LOCALAPPDATA%\Programs\Willay\willay.exe"
timeout /t 3 /nobreak >nul
goto again
