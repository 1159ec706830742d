// @vitest-environment happy-dom
// Composer keyboard rules: Ctrl/Cmd+Enter sends, Enter is a newline, and / or @ only insert when a suggestion is picked.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attachment, SessionStatus, SlashPrompt } from '../../../src/shared/schemas.js';
import { Composer } from './Composer.js';

afterEach(cleanup);

const prompts = [
  { id: 'p1', name: 'a', content: 'Answer briefly.', createdAt: '', updatedAt: '' },
  { id: 'p2', name: 'api', content: 'Check the API docs.', createdAt: '', updatedAt: '' },
] as unknown as SlashPrompt[];
const files = [
  { id: 'f1', sessionId: 's', name: 'report.pdf', mimeType: 'application/pdf', sizeBytes: 10, path: '', createdAt: '' },
] as unknown as Attachment[];

function Harness({ onSend, status = 'WAITING_FOR_INSTRUCTION' }: { onSend: (t: string) => Promise<boolean>; status?: SessionStatus }) {
  const [draft, setDraft] = useState('');
  return (
    <Composer
      status={status}
      draft={draft}
      setDraft={setDraft}
      textareaRef={createRef()}
      attachments={files}
      slashPrompts={prompts}
      hint={null}
      uploads={[]}
      onDismissUpload={() => {}}
      onSend={onSend}
      onFiles={() => {}}
    />
  );
}

const box = () => screen.getByRole('combobox', { name: 'Prompt' }) as HTMLTextAreaElement;
function type(value: string) {
  const el = box();
  fireEvent.change(el, { target: { value, selectionStart: value.length, selectionEnd: value.length } });
}

describe('Composer', () => {
  it('sends on Ctrl+Enter and not on Enter', async () => {
    const onSend = vi.fn(async () => true);
    render(<Harness onSend={onSend} />);
    type('hello');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    expect(onSend).toHaveBeenCalledWith('hello');
    await vi.waitFor(() => expect(box().value).toBe(''));
  });

  it('keeps what was typed when the send fails (a lost database, a full disk)', async () => {
    let settle: (sent: boolean) => void = () => {};
    const onSend = vi.fn(() => new Promise<boolean>((resolve) => (settle = resolve)));
    render(<Harness onSend={onSend} />);
    type('a long prompt the person wrote');
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    expect(onSend).toHaveBeenCalledOnce();
    await act(async () => settle(false));
    expect(box().value).toBe('a long prompt the person wrote');
    expect((screen.getByRole('button', { name: /Send/ }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says "Queue" while Codex is running', () => {
    render(<Harness onSend={vi.fn()} status="RUNNING" />);
    expect(screen.getByRole('button', { name: /Queue/ })).toBeTruthy();
  });

  it('suggests slash prompts but never expands an exact name by itself', () => {
    render(<Harness onSend={vi.fn()} />);
    type('/a');
    expect(box().value).toBe('/a');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('/a'), expect.stringContaining('/api')]);
    type('/ap');
    expect(box().value).toBe('/ap');
    fireEvent.keyDown(box(), { key: 'Tab' });
    expect(box().value).toBe('Check the API docs.');
  });

  it('Escape closes suggestions so Enter is a newline again', () => {
    render(<Harness onSend={vi.fn()} />);
    type('/a');
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('after Escape, clearing the box and typing / again opens the list again', () => {
    render(<Harness onSend={vi.fn()} />);
    type('/a');
    fireEvent.keyDown(box(), { key: 'Escape' });
    type('');
    type('/a');
    expect(screen.getByRole('listbox')).toBeTruthy();
  });

  it('completes @ mentions from attached files', () => {
    render(<Harness onSend={vi.fn()} />);
    type('read @rep');
    expect(screen.getByRole('option').textContent).toContain('@report.pdf');
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(box().value).toBe('read @report.pdf ');
  });
});
