// Uploads in flight for one session, with progress, so the composer can show rows and insert mentions when done.
import { useCallback, useState } from 'react';
import type { SessionId } from '../../../src/shared/ids.js';
import type { Attachment } from '../../../src/shared/schemas.js';
import { uploadAttachment } from '../api.js';

export interface UploadRow {
  key: string;
  name: string;
  progress: number;
  error: string | null;
  cancel: () => void;
}

let counter = 0;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
let lastStamp = '';
let sameStamp = 0;

/**
 * Clipboard images arrive as "image.png" or nameless; give them a readable name from the local time, unique within
 * this page even when several are pasted in the same second (the server refuses a second file with the same name
 * while the first is still uploading).
 */
export function pastedName(file: File, now: Date = new Date()): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = (file.type.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/gi, '').slice(0, 8) || 'bin';
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  sameStamp = stamp === lastStamp ? sameStamp + 1 : 1;
  lastStamp = stamp;
  return `pasted-${stamp}${sameStamp > 1 ? `-${sameStamp}` : ''}.${ext}`;
}

export function useUploads(sessionId: SessionId, onError: (message: string) => void) {
  const [rows, setRows] = useState<UploadRow[]>([]);

  /** Uploads files one request each; resolves with the ones that succeeded, in order. */
  const upload = useCallback(
    async (files: File[]): Promise<Attachment[]> => {
      const update = (key: string, change: Partial<UploadRow>) =>
        setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
      const started = files.map((file) => {
        const key = `u${++counter}`;
        const { done, cancel } = uploadAttachment(sessionId, file, (progress) => update(key, { progress }));
        setRows((all) => [...all, { key, name: file.name, progress: 0, error: null, cancel }]);
        return done.then(
          (attachment) => {
            setRows((all) => all.filter((r) => r.key !== key));
            return attachment;
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            update(key, { error: message });
            onError(message);
            return null;
          },
        );
      });
      const results = await Promise.all(started);
      return results.filter((a): a is Attachment => a !== null);
    },
    [sessionId, onError],
  );

  const dismiss = useCallback((key: string) => setRows((all) => all.filter((r) => r.key !== key)), []);
  return { rows, upload, dismiss };
}
