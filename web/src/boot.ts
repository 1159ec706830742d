// The first thing the app's script does (main.tsx imports it before anything else): send the requests the first screen
// waits on. Only the first page of the session list so far.
import { startFirstPage } from './lib/firstPage.js';

startFirstPage();
