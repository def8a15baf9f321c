# Build the Willay bundle on Windows from a clean checkout: dist\willay\willay.exe (the kiosk,
# no console) and dist\willay\kiosk.exe (the commands). NOT YET RUN ON WINDOWS: see docs/windows.md.
# Needs Python 3.11 (64-bit, from python.org, "Add to PATH") and git. Run in PowerShell:
#   powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$py = (Get-Command py -ErrorAction SilentlyContinue)
if ($py) { $python = @("py", "-3.11") } else { $python = @("python") }
& $python[0] $python[1..9] -c "import sys; assert sys.version_info >= (3, 11), sys.version"
if ($LASTEXITCODE -ne 0) { throw "Python 3.11 or newer is needed" }

if (-not (Test-Path .venv)) { & $python[0] $python[1..9] -m venv .venv }
$venv = Join-Path (Get-Location) ".venv\Scripts"
& "$venv\python.exe" -m pip install --upgrade pip
& "$venv\python.exe" -m pip install -e ".[dev,dist]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# The synthetic voices, rendered with the espeak-ng of the espeakng-loader wheel, then checked.
& "$venv\kiosk.exe" voices render
& "$venv\kiosk.exe" voices check --complete
if ($LASTEXITCODE -ne 0) { throw "voices check failed" }

$env:QT_QPA_PLATFORM = "offscreen"
& "$venv\python.exe" -m pytest -q
if ($LASTEXITCODE -ne 0) { throw "tests failed" }
Remove-Item Env:QT_QPA_PLATFORM

& "$venv\pyinstaller.exe" --noconfirm --clean build.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }
& "dist\willay\kiosk.exe" self-test
if ($LASTEXITCODE -ne 0) { throw "the bundle's self-test failed" }
Write-Host "Built dist\willay (start willay.exe; commands with kiosk.exe)"
