// Builders for `turn/start` and `turn/steer` input items (the v2 UserInput union). Pure.
import type { ImageDetail } from './protocol/ImageDetail.js';
import type { UserInput } from './protocol/v2/UserInput.js';

export type { UserInput };

/** A text item. `text_elements` (UI spans inside the text) is required by the protocol; plain text has none. */
export function textInput(text: string): UserInput {
  return { type: 'text', text, text_elements: [] };
}

/** An image file on the daemon's machine, by absolute path; Codex reads and attaches it. */
export function localImageInput(path: string, detail?: ImageDetail): UserInput {
  return detail ? { type: 'localImage', path, detail } : { type: 'localImage', path };
}

/** An image by URL (http(s) or a data: URL). */
export function imageUrlInput(url: string, detail?: ImageDetail): UserInput {
  return detail ? { type: 'image', url, detail } : { type: 'image', url };
}
