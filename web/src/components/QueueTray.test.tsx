// @vitest-environment happy-dom
// Queue tray: editing, deleting and reordering queued prompts; items on their way to Codex are read-only.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Prompt } from '../../../src/shared/schemas.js';
import { QueueTray } from './QueueTray.js';

afterEach(cleanup);

const item = (id: string, position: number, content: string, state: Prompt['state'] = 'queued') =>
  ({
    id,
    sessionId: 's',
    content,
    state,
    position,
    createdAt: '',
    updatedAt: '',
    handedAt: null,
    deliveredAt: null,
  }) as unknown as Prompt;

function setup(queue: Prompt[]) {
  const handlers = {
    onEdit: vi.fn(async () => true),
    onDelete: vi.fn(async () => {}),
    onReorder: vi.fn(async () => {}),
  };
  render(<QueueTray queue={queue} {...handlers} />);
  return handlers;
}

describe('QueueTray', () => {
  it('renders nothing for an empty queue', () => {
    const { container } = render(<QueueTray queue={[]} onEdit={vi.fn()} onDelete={vi.fn()} onReorder={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('edits a queued prompt and saves it', async () => {
    const h = setup([item('a', 1, 'first'), item('b', 2, 'second')]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Edit queued prompt' })[1]!);
    const box = screen.getByRole('textbox', { name: 'Edit queued prompt' });
    fireEvent.change(box, { target: { value: 'second, edited' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(h.onEdit).toHaveBeenCalledWith('b', 'second, edited');
    await screen.findAllByRole('button', { name: 'Edit queued prompt' });
  });

  it('deletes and reorders', async () => {
    const h = setup([item('a', 1, 'first'), item('b', 2, 'second'), item('c', 3, 'third')]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Move down' })[0]!);
    expect(h.onReorder).toHaveBeenCalledWith(['b', 'a', 'c']);
    // Controls are disabled while a change is in flight, then come back.
    await vi.waitFor(() => expect(screen.getAllByRole('button', { name: 'Delete queued prompt' })[2]).toHaveProperty('disabled', false));
    fireEvent.click(screen.getAllByRole('button', { name: 'Delete queued prompt' })[2]!);
    expect(h.onDelete).toHaveBeenCalledWith('c');
  });

  it('shows prompts being handed to Codex as delivering, without controls', () => {
    setup([item('h', 0, 'on its way', 'handing'), item('a', 1, 'waiting')]);
    expect(screen.getByText('Delivering…')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Edit queued prompt' })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Move up' })[0]).toHaveProperty('disabled', true);
  });
});
