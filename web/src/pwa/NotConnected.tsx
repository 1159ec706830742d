// The screen the installed app shows when it opens and the server cannot be reached (the shell came from the service
// worker's cache). Nothing here is data: sessions only ever come from the server.

export function NotConnected() {
  return (
    <div className="signed-out not-connected" role="alert">
      <h1>Not connected</h1>
      <p>
        Codex Pro Max cannot reach its server. Check that the computer running it is on and that <code>npm start</code> is still running
        there, and that this device is on a network that can reach it.
      </p>
      <p>This screen goes away by itself as soon as the server answers.</p>
      <button type="button" className="button primary" onClick={() => location.reload()}>
        Try again
      </button>
    </div>
  );
}
