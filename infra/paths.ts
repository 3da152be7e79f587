import path from 'node:path';

/** The repository root: NodejsFunction's projectRoot and the base of FUNCTION_ENTRIES. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** The built Astro site (`npm run build:site`). */
export const SITE_DIST = path.join(REPO_ROOT, 'site/dist');
