// Settings → Pair a phone: a QR code and a short code that give one phone its own sign-in, the certificate fingerprint
// to compare, and the paired devices with a Remove button each. The list follows `devices.changed` pushes.
import { useCallback, useEffect, useState } from 'react';
import type { Caller, Device, DeviceId, Pairing } from '../../../src/shared/devices.js';
import { ApiError } from '../api.js';
import { Dialog } from '../components/Dialog.js';
import { usePushes } from '../lib/pushBus.js';
import { fullTime, relativeTime } from '../lib/time.js';
import { devicesApi } from './api.js';
import './devices.css';

type PairingState = { kind: 'loading' } | { kind: 'ready'; pairing: Pairing } | { kind: 'not-owner' } | { kind: 'failed'; message: string };

function minutesLeft(iso: string): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 60_000));
}

export function PairDialog({ onClose }: { onClose: () => void }) {
  const [pairing, setPairing] = useState<PairingState>({ kind: 'loading' });
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [you, setYou] = useState<Caller | null>(null);
  const [listError, setListError] = useState<string | null>(null);

  const newPairing = useCallback(async () => {
    setPairing({ kind: 'loading' });
    try {
      setPairing({ kind: 'ready', pairing: await devicesApi.createPairing() });
    } catch (error) {
      if (error instanceof ApiError && error.is('pairing_needs_owner')) setPairing({ kind: 'not-owner' });
      else setPairing({ kind: 'failed', message: (error as Error).message });
    }
  }, []);
  const loadDevices = useCallback(async () => {
    try {
      const answer = await devicesApi.list();
      setDevices(answer.devices);
      setYou(answer.you);
      setListError(null);
    } catch (error) {
      setListError((error as Error).message);
    }
  }, []);
  useEffect(() => void newPairing(), [newPairing]);
  usePushes(
    'devices',
    (push) => {
      if (push.type === 'devices.changed') setDevices(push.devices);
    },
    () => void loadDevices(),
  );

  const remove = async (id: DeviceId) => {
    try {
      setDevices(await devicesApi.revoke(id));
    } catch (error) {
      setListError((error as Error).message);
    }
  };

  return (
    <Dialog
      title="Pair a phone"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      }
    >
      <PairingPanel state={pairing} onNew={() => void newPairing()} />
      <section className="devices" aria-label="Paired devices">
        <h3>Paired devices</h3>
        {listError && <p className="field-error">{listError}</p>}
        {devices === null ? (
          <p className="muted">Loading…</p>
        ) : devices.length === 0 ? (
          <p className="muted">No devices yet. A phone you pair shows up here, and you can remove it any time.</p>
        ) : (
          <ul className="device-list">
            {devices.map((d) => (
              <li key={d.id}>
                <div className="device-name">
                  {d.name}
                  {you?.kind === 'device' && you.deviceId === d.id && <span className="device-you"> (this device)</span>}
                </div>
                <div className="device-facts muted">
                  <span title={fullTime(d.pairedAt)}>Paired {relativeTime(d.pairedAt)}</span>
                  <span title={d.lastSeenAt ? fullTime(d.lastSeenAt) : undefined}>
                    Last seen {d.lastSeenAt ? relativeTime(d.lastSeenAt) : 'never'}
                  </span>
                  {d.lastAddress && <span>From {d.lastAddress}</span>}
                </div>
                <button type="button" className="button small danger" aria-label={`Remove ${d.name}`} onClick={() => void remove(d.id)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="muted small-print">Removing a device signs it out at once. To use it again, pair it again.</p>
      </section>
    </Dialog>
  );
}

function PairingPanel({ state, onNew }: { state: PairingState; onNew: () => void }) {
  if (state.kind === 'loading') return <p className="muted">Making a pairing code…</p>;
  if (state.kind === 'not-owner') {
    return (
      <p className="muted">
        New phones are paired from the computer that runs Codex Pro Max, so that removing a lost phone is always enough. You can still see
        and remove devices here.
      </p>
    );
  }
  if (state.kind === 'failed') return <p className="field-error">{state.message}</p>;
  const { pairing } = state;
  const first = pairing.links[0];
  if (!first || !pairing.qrSvg) {
    return (
      <div className="pair-unreachable">
        <p>
          <strong>Your phone cannot reach Codex Pro Max yet.</strong> Right now it listens on this computer only.
        </p>
        <p className="muted">
          Either put Tailscale Serve (or another HTTPS proxy) in front of it and name that host in CODEX_PRO_MAX_ALLOWED_HOSTS, or restart
          it with <code>npm start -- --host 0.0.0.0 --allow-remote</code>. The README section “Use it from your phone” walks through both.
          Then open this dialog again.
        </p>
      </div>
    );
  }
  const origin = new URL(first.url).origin;
  return (
    <div className="pairing">
      <img
        className="pair-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(pairing.qrSvg)}`}
        alt="QR code that pairs a phone"
      />
      <div className="pair-steps">
        <p>Scan this QR code with your phone’s camera. It opens a page that pairs the phone with Codex Pro Max.</p>
        <p className="muted">
          Or open <code>{origin}/pair</code> on the phone and type this code:
        </p>
        <p className="pair-code" data-testid="pairing-code">
          {pairing.code}
        </p>
        <p className="muted">
          The code works once, for the next {minutesLeft(pairing.expiresAt)} minutes.{' '}
          <button type="button" className="link-button" onClick={onNew}>
            New code
          </button>
        </p>
        {pairing.links.slice(1).map((l) => (
          <p key={l.url} className="muted">
            Also works {l.via}: <code>{new URL(l.url).origin}/pair</code>
          </p>
        ))}
        {pairing.fingerprint && (
          <details className="pair-fingerprint">
            <summary>The phone warns that the certificate is not trusted</summary>
            <p className="muted">
              That is expected: the certificate was made on this computer. Before you continue, check that the certificate details on the
              phone show this SHA-256 fingerprint:
            </p>
            <code className="fingerprint">{pairing.fingerprint}</code>
          </details>
        )}
      </div>
    </div>
  );
}
