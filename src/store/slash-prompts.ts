// Saved slash prompts ("/name" inserts the text). Names are unique, compared as stored (lowercase).
import { randomUUID } from 'node:crypto';
import type { SlashPromptId } from '../shared/ids.js';
import type { SlashPrompt } from '../shared/schemas.js';
import { type Db, nowIso, type Sql, statements } from './db.js';

interface SlashPromptRow {
  id: string;
  name: string;
  content: string;
  created_at: string;
  updated_at: string;
}

const toSlashPrompt = (r: SlashPromptRow): SlashPrompt => ({
  id: r.id as SlashPromptId,
  name: r.name,
  content: r.content,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SlashPromptRepo {
  private readonly sql: Sql;

  constructor(db: Db) {
    this.sql = statements(db);
  }

  list(): SlashPrompt[] {
    return (this.sql('SELECT * FROM slash_prompts ORDER BY name').all() as SlashPromptRow[]).map(toSlashPrompt);
  }

  get(id: SlashPromptId): SlashPrompt | null {
    const row = this.sql('SELECT * FROM slash_prompts WHERE id = ?').get(id) as SlashPromptRow | undefined;
    return row ? toSlashPrompt(row) : null;
  }

  byName(name: string): SlashPrompt | null {
    const row = this.sql('SELECT * FROM slash_prompts WHERE name = ?').get(name) as SlashPromptRow | undefined;
    return row ? toSlashPrompt(row) : null;
  }

  create(name: string, content: string): SlashPrompt {
    const id = randomUUID() as SlashPromptId;
    const now = nowIso();
    this.sql('INSERT INTO slash_prompts (id, name, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      id,
      name,
      content,
      now,
      now,
    );
    return this.get(id) as SlashPrompt;
  }

  update(id: SlashPromptId, name: string, content: string): void {
    this.sql('UPDATE slash_prompts SET name = ?, content = ?, updated_at = ? WHERE id = ?').run(name, content, nowIso(), id);
  }

  delete(id: SlashPromptId): boolean {
    return this.sql('DELETE FROM slash_prompts WHERE id = ?').run(id).changes > 0;
  }
}
