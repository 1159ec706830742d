@echo off
rem uninstall Codex Pro Max on Windows: same as "npm run uninstall".
cd /d "%~dp0"
where node >nul 2>nul || (echo Codex Pro Max needs Node.js 20.19 or newer: https://nodejs.org & exit /b 1)
node scripts\run.mjs uninstall %*
if errorlevel 1 if not defined CODEX_PRO_MAX_NO_PAUSE pause
