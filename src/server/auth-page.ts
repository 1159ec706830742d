// The page a used or expired sign-in link answers with. Self-contained (no script, no request for assets) and styled
// like the app's signed-out screen, light or dark with the system. Public, so it names no paths.

const STYLE = `
:root{color-scheme:light dark;--bg:#f7f7f8;--panel:#fff;--border:#dcdee3;--text:#1d1f24;--muted:#5f6570;--code:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--bg:#15171b;--panel:#1c1f24;--border:#343a42;--text:#e6e8eb;--muted:#9aa1ab;--code:#111317}}
html,body{height:100%;margin:0}
body{display:flex;align-items:center;justify-content:center;background:var(--bg);color:var(--text);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
main{max-width:560px;margin:24px;padding:28px 32px;border:1px solid var(--border);border-radius:10px;background:var(--panel);text-align:center}
h1{margin:0 0 12px;font-size:20px}
p{margin:8px 0;color:var(--muted)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--code);
border:1px solid var(--border);border-radius:6px;padding:1px 6px;color:var(--text);white-space:nowrap}`;

/** HTML for a sign-in link that was already used or has expired. */
export function usedLinkPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Sign-in link used · Codex Pro Max</title><style>${STYLE}</style></head>
<body><main>
<h1>This sign-in link was already used or has expired</h1>
<p>Each sign-in link works once, in one browser, and for 10 minutes.</p>
<p>For a new link, run <code>npx codex-pro-max open</code> in the Codex Pro Max folder. It opens this browser signed in.</p>
</main></body></html>`;
}
