// The page's first script (index.html runs it before main.tsx, as its own small file): sends the requests the first
// screen waits on while the app's script still downloads and compiles. Only the first page of the session list so far.
import { startFirstPage } from './lib/firstPage.js';

startFirstPage();
