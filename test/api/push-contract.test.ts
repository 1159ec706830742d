// Every push type the server sends, produced for real (a driven turn of the real codex, a rollout being appended,
// uploads, slash prompts, a lost database), checked against the shared envelope schema: each one decodes, and
// decoding drops nothing, so no push carries a field the contract does not name (such as an attachment's stored name).
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServerClient } from '../../src/codex/app-server/client.js';
import { textInput } from '../../src/codex/app-server/input.js';
import { dataFiles } from '../../src/settings.js';
import { PUSH_TYPES, type PushEnvelope, pushEnvelopeSchema } from '../../src/shared/push.js';
import { writeOrReply } from '../fixtures/approval-script.js';
import { NEWEST_CODEX } from '../fixtures/codex-env.js';
import { type ModelRig, type Rig, startRig } from '../helpers/rig.js';

const THREAD = '01a1ffb0-b59a-72f2-8388-10012d930c79';
const FIXTURE = join(import.meta.dirname, '../fixtures/rollouts/v0169-commands.jsonl');

let rig: Rig & ModelRig;
const seen: unknown[] = [];
let unsubscribe: () => void;

beforeAll(async () => {
  rig = await startRig({
    daemon: true,
    codexVersion: NEWEST_CODEX,
    fakeModel: writeOrReply,
  });
  // What goes over the wire: the push hub's frames, read back as JSON text.
  unsubscribe = rig.server.ctx.push.subscribe((m) => seen.push(JSON.parse(JSON.stringify(m))));
}, 120_000);
afterAll(async () => {
  unsubscribe?.();
  await rig?.close();
});

describe('every push type', () => {
  it('is produced, decodes against the envelope schema, and carries no field beyond it', { timeout: 180_000 }, async () => {
    // A driven turn: drive.turn, drive.event, session.upserted, queue.changed, timeline.appended.
    const [status] = await rig.call('POST', '/api/drive/sessions', { prompt: 'Say done', cwd: rig.workDir, sandbox: 'read-only' });
    expect(status).toBe(201);
    await rig.nextPush((p) => p.type === 'drive.turn' && p.turn.status === 'completed', 30_000);
    await rig.idle();

    // A room: room.upserted, room.message (the person's, then a member's answer), room.deleted.
    const [made, { room }] = await rig.call('POST', '/api/rooms', {
      members: [
        { name: 'one', cwd: rig.workDir, sandbox: 'read-only' },
        { name: 'two', cwd: rig.workDir, sandbox: 'read-only' },
      ],
    });
    expect(made).toBe(201);
    const answered = rig.nextPush((p) => p.type === 'room.message' && p.message.kind === 'agent', 30_000);
    expect((await rig.call('POST', `/api/rooms/${room.id}/messages`, { content: '@one say done' }))[0]).toBe(201);
    await answered;
    await rig.idle();
    expect((await rig.call('DELETE', `/api/rooms/${room.id}`))[0]).toBe(200);

    // The driven session's context carried on into a new one (verbatim, so no grooming turn): context.carried.
    const carriedFrom = rig.changes.find((c) => c.type === 'thread.bound')?.sessionId;
    const [, carriedPreview] = await rig.call('POST', '/api/context/preview', { sources: [{ sessionId: carriedFrom }] });
    const carriedTurn = rig.nextPush((p) => p.type === 'drive.turn' && p.turn.status === 'completed', 30_000);
    const [carried] = await rig.call('POST', '/api/context/start', { previewId: carriedPreview.preview.id, prompt: 'Say done' });
    expect(carried).toBe(201);
    await carriedTurn;
    await rig.idle();

    // An attached session whose rollout Codex keeps writing: usage.updated and activity.appended.
    const day = join(rig.codexHome, 'sessions', '2026', '11', '21');
    mkdirSync(day, { recursive: true });
    const rollout = join(day, `rollout-2026-11-21T19-58-53-${THREAD}.jsonl`);
    copyFileSync(FIXTURE, rollout);
    const [, attached] = await rig.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'Followed' });
    const sessionId = attached.session.id as string;
    await rig.nextPush((p) => p.type === 'activity.appended' && p.sessionId === sessionId, 10_000);
    // The History index takes the new rollout in by itself, in the background: history.changed.
    await rig.until('History to take the rollout in', () => seen.some((m) => (m as PushEnvelope).type === 'history.changed'), 30_000);
    appendFileSync(rollout, `${readFileSync(FIXTURE, 'utf8').split('\n').slice(0, 3).join('\n')}\n`);

    // A live thread another client of the Codex daemon runs: approval.changed, live.turn, live.item, live.delta; then
    // the daemon going away: daemon.changed.
    const terminal = new AppServerClient({ codexHome: rig.codexHome, log: () => {} }).start();
    try {
      await terminal.whenConnected(30_000);
      const { thread } = await terminal.startThread({ cwd: rig.workDir, approvalPolicy: 'on-request', sandbox: 'read-only' });
      const asked = rig.nextPush((p) => p.type === 'approval.changed' && p.approval.state === 'open', 60_000);
      await terminal.startTurn(thread.id, [textInput('WRITE contract.txt')]);
      const approval = ((await asked) as Extract<PushEnvelope, { type: 'approval.changed' }>).approval;
      const ended = rig.nextPush((p) => p.type === 'live.turn' && p.turn.status === 'completed', 60_000);
      expect((await rig.call('POST', `/api/approvals/${approval.id}`, { choice: 'accept' }))[0]).toBe(200);
      await ended;
    } finally {
      terminal.close();
    }
    const gone = rig.nextPush((p) => p.type === 'daemon.changed', 30_000);
    rig.daemon?.kill();
    await gone;

    // Attachments, clearing, slash prompts, deleting.
    const form = new FormData();
    form.append('file', new Blob(['a,b\n'], { type: 'text/csv' }), 'data.csv');
    expect((await rig.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form })).status).toBe(201);
    await rig.call('DELETE', `/api/sessions/${sessionId}/messages`);
    await rig.call('POST', '/api/skills', { name: 'check', content: 'Run the tests.' });
    await rig.call('DELETE', `/api/sessions/${sessionId}`);

    // Pairing a device with the short code, then removing it: devices.changed.
    const [, { pairing }] = await rig.call('POST', '/api/pairing');
    const paired = await fetch(`${rig.uiUrl}/api/pairing/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: pairing.code, name: 'Contract phone' }),
    });
    const { device } = await paired.json();
    expect((await rig.call('DELETE', `/api/devices/${device.id}`))[0]).toBe(200);

    // A lost database: storage.failed (the next write notices it).
    rmSync(dataFiles.database(rig.dataRoot));
    await rig.call('POST', '/api/skills', { name: 'later', content: 'x' });

    // The greeting each stream starts with.
    const controller = new AbortController();
    const stream = await rig.api('/api/events', { signal: controller.signal });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    // Only the first frame: a push published as the stream opened (History reading a new rollout) may share the chunk.
    seen.push(JSON.parse(first.slice(first.indexOf('data: ') + 6).split('\n')[0] as string));

    const types = new Set<string>();
    for (const message of seen) {
      const decoded = pushEnvelopeSchema.safeParse(message);
      expect(decoded.success, JSON.stringify(message).slice(0, 300)).toBe(true);
      expect(decoded.data, `${(message as PushEnvelope).type} carries a field the schema does not name`).toEqual(message);
      types.add((message as PushEnvelope).type);
    }
    expect([...types].sort()).toEqual([...PUSH_TYPES].sort());
    const uploads = seen.filter((m) => (m as PushEnvelope).type === 'attachments.changed') as Extract<
      PushEnvelope,
      { type: 'attachments.changed' }
    >[];
    expect(uploads[0]?.attachments.map((a) => a.name)).toEqual(['data.csv']);
    expect(JSON.stringify(seen)).not.toContain('storedName');
  });
});
