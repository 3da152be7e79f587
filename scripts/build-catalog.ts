/**
 * Generates functions/generated/catalog.json, the API's knowledge of which consultations, commitments and sections
 * exist, from the same content files as the site. A bad file stops the build with the file and field named.
 * With KONSULTO_DEMO_TODAY=YYYY-MM-DD (set by the local runtime), demo consultations get windows relative to it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyDemoWindow } from '#shared/catalog.ts';
import { buildCatalogData } from '#shared/catalog-builder.ts';
import { slimContent } from '#shared/summary/context.ts';
import { CONTENT_DIR, loadContent } from './content.ts';

export const CATALOG_FILE = path.resolve(import.meta.dirname, '../functions/generated/catalog.json');
/** What the summary job reads of the content (consultations, commitments with milestones, meetings). */
export const SUMMARY_CONTENT_FILE = path.resolve(import.meta.dirname, '../functions/generated/summary-content.json');

export async function buildCatalog({ contentDir = CONTENT_DIR, demoToday = process.env.KONSULTO_DEMO_TODAY } = {}) {
  const content = await loadContent(contentDir);
  const today = demoToday ? new Date(`${demoToday}T00:00:00Z`) : undefined;
  if (today && Number.isNaN(today.getTime())) throw new Error(`KONSULTO_DEMO_TODAY is not a date: ${demoToday}`);
  const consultations = today ? content.consultations.map((c) => applyDemoWindow(c, today)) : content.consultations;
  const { data, problems } = buildCatalogData(consultations, content.commitments);
  return {
    data,
    summaryContent: slimContent(content),
    problems: [...content.problems, ...problems.map((p) => ({ file: 'site/src/content', ...p }))],
  };
}

async function main() {
  const { data, summaryContent, problems } = await buildCatalog();
  if (problems.length > 0) {
    for (const p of problems) console.error(`${p.file}: ${p.field}: ${p.message}`);
    console.error(`Content has ${problems.length} problem(s); the catalog was not written.`);
    process.exit(1);
  }
  await mkdir(path.dirname(CATALOG_FILE), { recursive: true });
  await writeFile(CATALOG_FILE, `${JSON.stringify(data, null, 2)}\n`);
  await writeFile(SUMMARY_CONTENT_FILE, `${JSON.stringify(summaryContent)}\n`);
  console.log(
    `Catalog: ${data.consultations.length} consultations, ${data.commitments.length} commitments -> ${path.relative(process.cwd(), CATALOG_FILE)}`,
  );
}

if (import.meta.main) await main();
