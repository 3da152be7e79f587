import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '#shared/catalog.ts';
import { buildCatalog } from '../../scripts/build-catalog.ts';
import { CONTENT_DIR, loadContent } from '../../scripts/content.ts';

describe('site content', () => {
  it('validates against the shared schemas with no problems', async () => {
    const content = await loadContent();
    expect(content.problems).toEqual([]);
    expect(content.consultations.length).toBeGreaterThanOrEqual(2);
    expect(content.commitments.filter((c) => c.consultationId === 'kvsp-2026').length).toBeGreaterThanOrEqual(4);
    expect(content.meetings.map((m) => m.id)).toContain('elbasan-2026-04-03');
  });

  it('has every commitment and milestone in Albanian and English', async () => {
    const { commitments } = await loadContent();
    for (const c of commitments) {
      for (const text of [c.title, c.summary, c.problem, c.causes, c.objective, c.description, c.leadInstitution]) {
        expect(text.en, `${c.id}: ${text.sq.slice(0, 40)}`).toBeTruthy();
      }
      for (const m of c.milestones) expect(m.title.en, `${c.id}.${m.id}`).toBeTruthy();
    }
  });

  it('keeps the demo consultation open and the past one closed in demo mode', async () => {
    const { data, problems } = await buildCatalog({ demoToday: '2031-06-15' });
    expect(problems).toEqual([]);
    const catalog = new Catalog(data);
    const now = new Date('2031-06-15T12:00:00Z');
    const kvsp = catalog.commitmentsOf('kvsp-2026')[0];
    expect(kvsp).toBeDefined();
    expect(catalog.assertOpenForParticipation(kvsp?.id ?? '', 'problem', now).consultationId).toBe('kvsp-2026');
    const past = data.consultations.find((c) => c.id !== 'kvsp-2026');
    expect(past && Date.parse(past.closesAt) < now.getTime()).toBe(true);
  });

  it('names the file and the field of a bad content file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'konsulto-content-'));
    await cp(CONTENT_DIR, dir, { recursive: true });
    const file = path.join(dir, 'commitments', 'kvsp-youth-participation.yaml');
    const broken = (await readFile(file, 'utf8')).replace(/^order: .*$/m, 'order: first');
    await writeFile(file, broken);
    const { problems } = await buildCatalog({ contentDir: dir });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toMatch(/commitments\/kvsp-youth-participation\.yaml$/);
    expect(problems[0]?.field).toBe('order');
  });
});
