// Pushes published while nobody listens are neither built nor encoded, yet keep their place in the one numbering.
import { expect, it } from 'vitest';
import type { SessionId } from '../shared/ids.js';
import type { PushEnvelope } from '../shared/push.js';
import { PushHub } from './push.js';

it('numbers pushes nobody heard, so the next listener sees the order continue', () => {
  const hub = new PushHub();
  const sessionId = 's-1' as SessionId;
  hub.publish({ type: 'timeline.cleared', sessionId });
  hub.publish({ type: 'session.deleted', sessionId });
  const heard: PushEnvelope[] = [];
  hub.subscribe((m) => heard.push(m));
  hub.publish({ type: 'timeline.cleared', sessionId });
  expect(heard).toEqual([{ type: 'timeline.cleared', sessionId, seq: 3 }]);
});
