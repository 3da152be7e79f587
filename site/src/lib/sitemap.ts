import type { Language } from '#shared/schemas/common.ts';
import { allCommitments, allConsultations, allMeetings } from './content.ts';
import { type PagePaths, pathsOf, routes } from './routes.ts';

/** Every page of the site, as its pair of Albanian and English paths. */
export async function allPages(): Promise<PagePaths[]> {
  const [consultations, commitments, meetings] = await Promise.all([
    allConsultations(),
    allCommitments(),
    allMeetings(),
  ]);
  return [
    pathsOf(routes.home),
    ...consultations.flatMap((c) => [
      pathsOf((lang) => routes.consultation(lang, c.id)),
      pathsOf((lang) => routes.proposals(lang, c.id)),
      pathsOf((lang) => routes.propose(lang, c.id)),
      pathsOf((lang) => routes.responseReport(lang, c.id)),
    ]),
    ...commitments.map((c) => pathsOf((lang) => routes.commitment(lang, c.id))),
    pathsOf(routes.meetings),
    ...meetings.map((m) => pathsOf((lang) => routes.meeting(lang, m.id))),
    pathsOf(routes.howUsed),
    pathsOf(routes.privacy),
    pathsOf(routes.accessibility),
  ];
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** A sitemap (sitemaps.org 0.9) with each page's language versions as `xhtml:link` alternates. */
export function sitemapXml(pages: PagePaths[], site: URL): string {
  const languages: Language[] = ['sq', 'en'];
  const urls = pages.flatMap((paths) =>
    languages.map((lang) => {
      const alternates = languages
        .map(
          (alt) =>
            `<xhtml:link rel="alternate" hreflang="${alt}" href="${escapeXml(new URL(paths[alt], site).href)}"/>`,
        )
        .join('');
      return `<url><loc>${escapeXml(new URL(paths[lang], site).href)}</loc>${alternates}</url>`;
    }),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
