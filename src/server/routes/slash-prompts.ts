// Saved slash prompts, at the original's /api/skills paths so its clients keep working.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Conflict, NotFound } from '../../errors.js';
import { api } from '../../shared/api.js';
import { slashPromptIdSchema } from '../../shared/ids.js';
import type { ServerContext } from '../context.js';
import { parse } from '../http-errors.js';
import { serve } from '../serve.js';

const params = z.object({ skillId: slashPromptIdSchema });

export async function slashPromptRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const repo = ctx.store.slashPrompts;
  const changed = () => {
    const slashPrompts = repo.list();
    ctx.push.publish({ type: 'slash-prompts.changed', slashPrompts });
    return slashPrompts;
  };
  const ensureFreeName = (name: string, exceptId?: string) => {
    const other = repo.byName(name);
    if (other && other.id !== exceptId)
      throw new Conflict(`A slash prompt named "/${name}" already exists. Pick another name or edit that one.`);
  };

  serve(app, api.listSlashPrompts, async () => ({ ok: true, skills: repo.list() }));

  serve(app, api.createSlashPrompt, async (req) => {
    const body = parse(api.createSlashPrompt.body, req.body);
    ensureFreeName(body.name);
    const skill = repo.create(body.name, body.content);
    return { ok: true, skill, skills: changed() };
  });

  serve(app, api.updateSlashPrompt, async (req) => {
    const { skillId } = parse(params, req.params);
    const current = repo.get(skillId);
    if (!current) throw new NotFound('That slash prompt');
    const patch = parse(api.updateSlashPrompt.body, req.body ?? {});
    const name = patch.name ?? current.name;
    ensureFreeName(name, skillId);
    repo.update(skillId, name, patch.content ?? current.content);
    return { ok: true, skill: { ...current, ...(repo.get(skillId) ?? {}) }, skills: changed() };
  });

  serve(app, api.deleteSlashPrompt, async (req) => {
    const { skillId } = parse(params, req.params);
    const current = repo.get(skillId);
    if (!current || !repo.delete(skillId)) throw new NotFound('That slash prompt');
    return { ok: true, deletedSkill: current, skills: changed() };
  });
}
