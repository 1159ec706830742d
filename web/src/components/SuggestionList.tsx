// The popup under the composer listing attachments (for @) or slash prompts (for /). Keyboard handling lives in Composer.
import type { ReactNode } from 'react';

export interface SuggestionItem {
  key: string;
  label: string;
  detail: string;
  icon?: ReactNode;
}

interface Props {
  id: string;
  title: string;
  items: SuggestionItem[];
  active: number;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
}

export function SuggestionList({ id, title, items, active, onPick, onHover }: Props) {
  return (
    <div className="suggestions">
      <div className="suggestions-title">{title}</div>
      <div id={id} role="listbox" aria-label={title} className="suggestion-options">
        {items.map((item, i) => (
          <div
            key={item.key}
            tabIndex={-1}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            // mousedown, not click: keep focus (and the caret) in the textarea.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(i);
            }}
            onMouseEnter={() => onHover(i)}
          >
            {item.icon}
            <span className="suggestion-label">{item.label}</span>
            <span className="suggestion-detail">{item.detail}</span>
          </div>
        ))}
      </div>
      <div className="suggestions-hint">Enter or Tab to insert · Esc to close</div>
    </div>
  );
}
