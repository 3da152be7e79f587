import { describe, expect, it } from 'vitest';
import { BOM, csvCell, neutralise, parseCsv, toCsv } from '#shared/summary/csv.ts';
import { csvFiles, htmlFile, jsonFile, summaryFiles } from '#shared/summary/files.ts';
import { forAudience, redactContactData } from '#shared/summary/privacy.ts';
import { summarySchema } from '#shared/summary/schema.ts';
import { summarise } from '#shared/summary/summarise.ts';
import { FORMULA_CORPUS, handContext, handItems, isLiveFormula } from '../support/summary-items.ts';

const corpusItems = FORMULA_CORPUS.flatMap((text, i) => {
  const id = `F${String(i).padStart(3, '0')}`;
  return [
    {
      type: 'COMMENT',
      id,
      consultationId: 'kvsp',
      commitmentId: 'a-youth',
      participantId: `f${i}`,
      displayName: text,
      body: text,
      createdAt: `2026-12-0${1 + (i % 5)}T10:00:00.000Z`,
      status: 'published',
      agree: i,
      disagree: i % 3,
      pass: 0,
    },
    {
      type: 'PROPOSAL',
      id: `PF${i}`,
      consultationId: 'kvsp',
      kind: 'new-commitment',
      organisation: { name: text, type: 'ngo', municipality: 'national' },
      contact: { name: text, email: 'x@example.org' },
      title: text,
      createdAt: '2026-12-03T08:00:00.000Z',
      status: 'received',
      visibility: 'approved',
    },
    {
      type: 'RESPONSE',
      id: `RF${i}`,
      consultationId: 'kvsp',
      contributions: [{ kind: 'comment', id }],
      disposition: 'not-accepted',
      justification: { sq: text, en: text },
      updatedAt: '2026-12-06T10:00:00.000Z',
    },
  ];
});

describe('CSV', () => {
  it('quotes per RFC 4180 and reads back what it wrote', () => {
    const rows = [
      ['plain', 'with, comma', 'with "quote"', 'two\nlines', 'crlf\r\nend', '', 'ë ç'],
      [1, -0.25, null, undefined, true, 'x', 'y'],
    ] as const;
    const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toContain('"with ""quote"""');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      ['plain', 'with, comma', 'with "quote"', 'two\nlines', 'crlf\r\nend', '', 'ë ç'],
      ['1', '-0.25', '', '', 'true', 'x', 'y'],
    ]);
  });

  it('neutralises every cell that would start a formula, and only those', () => {
    for (const text of FORMULA_CORPUS) {
      const [[cell]] = parseCsv(csvCell(text)) as [[string]];
      expect(isLiveFormula(cell), JSON.stringify(text)).toBe(false);
      expect(cell === text || cell === `'${text}`).toBe(true);
    }
    expect(neutralise('a=1+1')).toBe('a=1+1');
    expect(neutralise('Ç=1')).toBe('Ç=1');
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes no live formula in any file built from the formula corpus (R10), public or staff', async () => {
    const summary = await summarise({ ...handContext, options: { includeContacts: true } }, [
      ...handItems,
      ...corpusItems,
    ]);
    let cells = 0;
    for (const view of [forAudience(summary, 'public'), forAudience(summary, 'staff')]) {
      for (const file of csvFiles(view)) {
        expect(file.content.startsWith(BOM)).toBe(true);
        for (const row of parseCsv(file.content)) {
          for (const cell of row) {
            cells++;
            expect(isLiveFormula(cell), `${file.name}: ${JSON.stringify(cell)}`).toBe(false);
          }
        }
      }
    }
    // The corpus reached the files: bodies, names, titles, justifications.
    expect(cells).toBeGreaterThan(FORMULA_CORPUS.length * 10);
  });
});

describe('personal data in public files', () => {
  it('replaces email addresses and phone numbers, and leaves dates and figures alone', () => {
    expect(
      redactContactData('Shkruani te ana.hoxha@example.com ose +355 69 123 4567, 069 123 4567, 00355691234567.'),
    ).toBe('Shkruani te [email] ose [tel], [tel], [tel].');
    expect(redactContactData('Plani 2026-2030, më 03.04.2026, 25 pjesëmarrës, 1.234.567 lekë')).toBe(
      'Plani 2026-2030, më 03.04.2026, 25 pjesëmarrës, 1.234.567 lekë',
    );
  });

  it('names staff files as such and says whether they hold contact data', async () => {
    const summary = await summarise({ ...handContext, options: { includeContacts: true } }, handItems);
    const staff = summaryFiles(forAudience(summary, 'staff'), ['csv', 'json', 'html'], ['sq']);
    expect(staff.map((f) => f.name)).toEqual([
      'contributions-staff-contacts.csv',
      'votes-staff-contacts.csv',
      'proposals-staff-contacts.csv',
      'responses-staff-contacts.csv',
      'summary-staff-contacts.json',
      'report-staff-contacts-sq.html',
      'README.txt',
    ]);
    expect(staff.at(-1)?.content).toContain('PRIVATE CONTACT DATA');
    const publicFiles = summaryFiles(forAudience(summary, 'public'), ['csv', 'json', 'html']);
    expect(publicFiles.map((f) => f.name)).toEqual([
      'contributions.csv',
      'votes.csv',
      'proposals.csv',
      'responses.csv',
      'summary.json',
      'report-sq.html',
      'report-en.html',
      'README.txt',
    ]);
    expect(publicFiles.at(-1)?.content).toContain('CC BY 4.0');
    for (const file of publicFiles) {
      for (const secret of ['ana.hoxha@example.com', '123 4567', 'Drita', 'drita@example.org', '765 4321', 'Arben']) {
        expect(file.content, `${file.name} holds ${secret}`).not.toContain(secret);
      }
    }
    expect(staff.find((f) => f.name === 'proposals-staff-contacts.csv')?.content).toContain('drita@example.org');
  });
});

describe('JSON', () => {
  it('is the documented schema, pretty-printed', async () => {
    const file = jsonFile(forAudience(await summarise(handContext, handItems), 'public'));
    expect(file.name).toBe('summary.json');
    expect(summarySchema.parse(JSON.parse(file.content)).audience).toBe('public');
  });
});

describe('the HTML report', () => {
  it('is self-contained: no script, no external resource, escaped text', async () => {
    const summary = await summarise(handContext, [...handItems, ...corpusItems]);
    for (const language of ['sq', 'en'] as const) {
      const { content } = htmlFile(forAudience(summary, 'public'), language);
      expect(content).toContain(`<html lang="${language}">`);
      expect(content).not.toMatch(/<script|<link|<iframe|<img|@import|url\(|javascript:/i);
      expect(content).not.toMatch(/\s(src|href)="(?!#)/);
      expect(content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('gives every chart a title, a description and the data table it draws', async () => {
    const { content } = htmlFile(forAudience(await summarise(handContext, handItems), 'public'), 'en');
    const figures = content.split('<figure').slice(1);
    expect(figures.length).toBeGreaterThanOrEqual(5);
    for (const figure of figures) {
      const body = figure.slice(0, figure.indexOf('</figure>'));
      expect(body).toMatch(/<svg role="img" aria-labelledby="(f\d+)-t \1-d"/);
      expect(body).toMatch(/<title id="f\d+-t">[^<]+<\/title><desc id="f\d+-d">[^<]+<\/desc>/);
      expect(body.indexOf('<table>')).toBeGreaterThan(body.indexOf('</svg>'));
    }
    expect(content).toContain('Of 3 votes, 1 (33%) support the commitment');
    expect(content).toContain('@media print');
  });
});
