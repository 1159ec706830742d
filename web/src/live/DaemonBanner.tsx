// A quiet note when Codex's background service (the app-server daemon) is not running, or is there but does not
// answer (it crashed and left its socket behind), with a button that starts it and the command to run instead.
// Nothing when it is connected, or when this Codex or platform has no such service.
import { useState } from 'react';
import type { DaemonStatus } from '../../../src/shared/live.js';
import { api } from '../api.js';
import { CopyButton } from '../components/CopyButton.js';
import { IconX } from '../components/icons.js';
import { useToast } from '../components/Toasts.js';
import { usePushes } from '../lib/pushBus.js';

export function DaemonBanner() {
  const [daemon, setDaemon] = useState<DaemonStatus | null>(null);
  const [starting, setStarting] = useState(false);
  // Watching terminals is optional: a person who does not want it hides the note until the page is opened again.
  const [hidden, setHidden] = useState(false);
  const toast = useToast();
  usePushes(
    'daemon',
    (msg) => {
      if (msg.type === 'daemon.changed') setDaemon(msg.daemon);
    },
    // After every (re)connect; a server without live support answers with an error, and then there is nothing to say.
    () => {
      api.daemonStatus().then(setDaemon, () => setDaemon(null));
    },
  );
  if (hidden || (daemon?.state !== 'not_running' && daemon?.state !== 'disconnected')) return null;
  const what = daemon.state === 'not_running' ? 'is not running' : 'does not answer';
  const short = daemon.state === 'not_running' ? 'is off' : 'does not answer';

  const start = async () => {
    setStarting(true);
    try {
      setDaemon(await api.startDaemon());
    } catch (error) {
      toast(error);
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className="banner daemon-banner" role="status" data-daemon={daemon.state}>
      <div className="banner-body">
        <span className="daemon-banner-long">Codex’s background service {what}, so terminal sessions can’t be watched live.</span>
        <span className="daemon-banner-short">Terminal sessions can’t be watched live: Codex’s background service {short}.</span>
        {daemon.startCommand && ' '}
        {daemon.startCommand && (
          <span className="daemon-command">
            You can also run <code>{daemon.startCommand}</code>
            <CopyButton text={daemon.startCommand} label="Copy the command" />
          </span>
        )}
      </div>
      <div className="banner-actions">
        <button type="button" className="button small" disabled={starting} onClick={() => void start()}>
          {starting ? 'Starting…' : 'Start it'}
        </button>
      </div>
      <button type="button" className="icon-button small" aria-label="Hide this message" onClick={() => setHidden(true)}>
        <IconX />
      </button>
    </div>
  );
}
