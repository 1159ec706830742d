@echo off
rem setup Codex Pro Max on Windows: same as "npm run setup".
cd /d "%~dp0"
where node >nul 2>nul || (echo Codex Pro Max needs Node.js 20.19 or newer: https://nodejs.org & exit /b 1)
node scripts\run.mjs setup %*
if errorlevel 1 if not defined CODEX_PRO_MAX_NO_PAUSE pause
