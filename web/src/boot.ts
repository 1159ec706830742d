// The page's first script (index.html runs it before main.tsx, as its own small file): sends the requests the first
// screen waits on while the app's script still downloads and compiles. Only the first page of the session list so far.
// The app takes the answer through this module, not from lib/firstPage.ts itself: code both scripts import goes into a
// shared file, and this script would then wait for that one too (on a cold load, for as long as every other file).
import { startFirstPage } from './lib/firstPage.js';

export { type EarlyAnswer, FIRST_SESSIONS, takeFirstPage } from './lib/firstPage.js';

startFirstPage();
