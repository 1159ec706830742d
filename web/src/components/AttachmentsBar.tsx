// The session's uploaded files: image thumbnails (served inline only for raster images), downloads for the rest,
// and buttons to mention or delete each. Uploads are never rendered as active content (no iframes, no inline SVG).
import type { Attachment } from '../../../src/shared/schemas.js';
import { attachmentUrl } from '../api.js';
import { formatBytes } from '../lib/time.js';
import { IconDownload, IconTrash } from './icons.js';

const RASTER = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;

/** True when the server will serve this file inline, so an <img> preview is safe. */
export function isPreviewable(a: Pick<Attachment, 'mimeType'>): boolean {
  return RASTER.test(a.mimeType);
}

interface Props {
  attachments: Attachment[];
  onMention: (a: Attachment) => void;
  onDelete: (a: Attachment) => void;
}

export function AttachmentsBar({ attachments, onMention, onDelete }: Props) {
  if (attachments.length === 0) return null;
  return (
    <section className="attachments" aria-label="Attached files">
      <ul>
        {attachments.map((a) => (
          <li key={a.id} className="attachment" data-attachment-name={a.name}>
            {isPreviewable(a) ? (
              <a href={attachmentUrl(a, true)} target="_blank" rel="noopener noreferrer" className="thumb" title={`Open ${a.name}`}>
                <img src={attachmentUrl(a, true)} alt={a.name} loading="lazy" />
              </a>
            ) : (
              <a
                href={attachmentUrl(a)}
                download={a.name}
                className="file-icon"
                title={`Download ${a.name}`}
                aria-label={`Download ${a.name}`}
              >
                <IconDownload />
              </a>
            )}
            <span className="attachment-name" title={a.name}>
              {a.name}
              <small>{formatBytes(a.sizeBytes)}</small>
            </span>
            <button
              type="button"
              className="icon-button small"
              aria-label={`Mention ${a.name} in the prompt`}
              title="Mention in the prompt"
              onClick={() => onMention(a)}
            >
              @
            </button>
            <button
              type="button"
              className="icon-button small danger"
              aria-label={`Delete ${a.name}`}
              title="Delete file"
              onClick={() => onDelete(a)}
            >
              <IconTrash />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
