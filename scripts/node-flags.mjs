// The node flags the server runs with under `npm start` (scripts/run.mjs), shared with the server benchmarks so they
// measure that same process. Plain JavaScript: it runs before anything is installed or built.

// V8 grows the main thread's young generation to two 16 MB semi-spaces during any busy spell and keeps them after: 4 MB
// semi-spaces keep ~20 MB less resident (the 5,000-entry session read over and over: ~136 → ~116 MB). The price is
// more frequent minor collections: up to ~10 % more CPU on the largest answer (the 852 KB list of 1,001 sessions),
// none measurable on a 50-entry page of a session.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4'];
