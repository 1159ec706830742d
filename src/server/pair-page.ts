// The page a phone opens from the pairing QR code (or at /pair, to type the short code), and its script. Public, so
// it names no paths beyond its own and holds no data; the script is a separate file because the CSP allows no inline one.

/** A CSP for these two files alone: their own script, a POST to this server, nothing else. */
export const PAIR_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
:root{color-scheme:light dark;--bg:#f7f7f8;--panel:#fff;--border:#dcdee3;--text:#1d1f24;--muted:#5f6570;--accent:#2f6fde;--bad:#b42318}
@media (prefers-color-scheme:dark){:root{--bg:#15171b;--panel:#1c1f24;--border:#343a42;--text:#e6e8eb;--muted:#9aa1ab;--accent:#6ea0ff;--bad:#ff8a80}}
html,body{min-height:100%;margin:0}
body{display:flex;align-items:center;justify-content:center;background:var(--bg);color:var(--text);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{width:100%;max-width:440px;margin:16px;padding:24px;border:1px solid var(--border);border-radius:12px;background:var(--panel);box-sizing:border-box}
h1{margin:0 0 8px;font-size:21px}
p{margin:8px 0;color:var(--muted)}
label{display:block;margin:14px 0 4px;font-weight:600}
input{box-sizing:border-box;width:100%;font:inherit;padding:10px 12px;border:1px solid var(--border);border-radius:8px;background:var(--bg);color:var(--text)}
#code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.1em;text-transform:uppercase}
button{margin-top:18px;width:100%;min-height:48px;font:inherit;font-weight:600;border:0;border-radius:8px;background:var(--accent);color:#fff}
button:disabled{opacity:.6}
#error{color:var(--bad)}
[hidden]{display:none!important}`;

/** HTML for /pair. */
export function pairPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="referrer" content="no-referrer">
<title>Pair this device · Codex Pro Max</title><style>${STYLE}</style></head>
<body><main>
<h1>Pair this device with Codex Pro Max</h1>
<p id="intro">This gives this browser its own sign-in, so you can follow and answer Codex from here. You can remove it any time in Settings → Pair a phone on your computer.</p>
<form id="pair" novalidate>
<div id="code-field">
<label for="code">Pairing code</label>
<input id="code" name="code" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" placeholder="ABCD-2345">
<p>It is shown under the QR code in Settings → Pair a phone on your computer, or by <code>npx codex-pro-max pair</code>.</p>
</div>
<label for="name">Name for this device</label>
<input id="name" name="name" maxlength="80" autocomplete="off">
<p id="error" role="alert" hidden></p>
<button id="submit" type="submit">Pair this device</button>
</form>
</main><script src="/pair.js"></script></body></html>`;
}

/** The script for /pair: reads the secret from the link's fragment, asks for a name, and posts both. */
export const PAIR_SCRIPT = `'use strict';
(function () {
  // The secret travels in the fragment (after #): browsers never send a fragment to a server, so no proxy, log or
  // Referer header ever holds it. It leaves the address bar at once and is sent only in this POST body.
  var secret = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : '';
  if (secret) history.replaceState(null, '', location.pathname);
  var form = document.getElementById('pair');
  var code = document.getElementById('code');
  var name = document.getElementById('name');
  var error = document.getElementById('error');
  var submit = document.getElementById('submit');
  if (secret) document.getElementById('code-field').hidden = true;
  var ua = navigator.userAgent;
  name.value = /iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad' : /Android/.test(ua) ? 'Android phone'
    : /Mac OS X/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows computer' : /Linux/.test(ua) ? 'Linux computer' : 'Browser';
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    var body = { name: name.value };
    if (secret) body.secret = secret; else body.code = code.value;
    if (!secret && !code.value.trim()) { error.textContent = 'Type the pairing code shown on your computer.'; error.hidden = false; return; }
    submit.disabled = true;
    submit.textContent = 'Pairing…';
    fetch('/api/pairing/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); })
      .then(function (r) {
        if (r.ok) { location.replace('/'); return; }
        // A used link cannot work again: from here on only the typed code can.
        if (secret) { secret = ''; document.getElementById('code-field').hidden = false; }
        error.textContent = (r.json && r.json.error) || 'Pairing did not work. Try again.';
        error.hidden = false;
        submit.disabled = false;
        submit.textContent = 'Pair this device';
      })
      .catch(function () {
        error.textContent = 'Codex Pro Max could not be reached. Check that it is still running, then try again.';
        error.hidden = false;
        submit.disabled = false;
        submit.textContent = 'Pair this device';
      });
  });
})();
`;
