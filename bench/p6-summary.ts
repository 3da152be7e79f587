/**
 * P6: the summary function alone (pure, no database) over generated items: 100,000 comments and 1,000,000 votes of
 * 100,000 participants on 10 commitments (60% with a declared profile). Each run is a fresh child process, so its
 * peak RSS is the function's (plus Node's baseline). The items are generated lazily, one at a time, as a database
 * stream would deliver them; a second child only generates them, and the difference is the summary's own time.
 * Target: ≤ 3 s and ≤ 512 MB peak RSS.
 *
 * `node bench/p6-summary.ts --child summary|generate --comments N --votes N` runs one child and prints JSON.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { MUNICIPALITY_IDS } from '#shared/municipalities.ts';
import { AGE_BANDS, STAKEHOLDER_TYPES } from '#shared/schemas/participant.ts';
import type { SummaryContext } from '#shared/summary/input.ts';
import { summarise } from '#shared/summary/summarise.ts';
import { round, roundStats, stats } from './support.ts';

const COMMITMENTS = 10;
const TARGET_MS = 3000;
const TARGET_MB = 512;

export const benchContext = (commitments = COMMITMENTS): SummaryContext => ({
  consultation: { id: 'bench', title: { sq: 'Konsultim provë', en: 'Benchmark consultation' } },
  commitments: Array.from({ length: commitments }, (_, i) => ({
    id: `commitment-${i + 1}`,
    order: i + 1,
    title: { sq: `Angazhimi ${i + 1}`, en: `Commitment ${i + 1}` },
    sectionIds: ['problem', 'causes', 'objective', 'milestone-m1', 'milestone-m2'],
  })),
  generatedAt: '2026-12-31T12:00:00.000Z',
});

/** A small deterministic generator (mulberry32), so every run sees the same items. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SQ_WORDS =
  'të rinjtë duhet marrin pjesë këshilli vendor sigurisë publike policia bashkia komuniteti shkolla lagjja takime raportim aplikacioni informacion koordinim transparencë forum rinor propozim buxhet siguri rrugë ndriçim parandalim krimi'.split(
    ' ',
  );
const EN_WORDS =
  'the young people should take part in the local council public safety police municipality community school meetings report app information coordination transparency youth forum budget lighting prevention'.split(
    ' ',
  );
const DAY_MS = 86_400_000;
const OPENS = Date.UTC(2026, 11, 1);

/** The items of a consultation with `comments` comments and `votes` votes, one at a time. */
export function* generateItems({
  comments,
  votes,
}: {
  comments: number;
  votes: number;
}): Generator<Record<string, unknown>> {
  const rand = random(42);
  const participants = Math.max(1, Math.round(votes / COMMITMENTS));
  const pid = (i: number) => `P${String(i).padStart(9, '0')}`;
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const at = () => new Date(OPENS + Math.floor(rand() * 30 * DAY_MS)).toISOString();
  // As a Scan delivers them: each participant's partition together (profile, then votes), then the comments.
  let cast = 0;
  for (let p = 0; p < participants; p++) {
    if (rand() < 0.6) {
      yield {
        type: 'PROFILE',
        participantId: pid(p),
        stakeholderType: pick(STAKEHOLDER_TYPES),
        municipality: pick(MUNICIPALITY_IDS),
        ...(rand() < 0.7 ? { ageBand: pick(AGE_BANDS) } : {}),
      };
    }
    const own = Math.min(COMMITMENTS, votes - cast - (participants - p - 1));
    for (let c = 0; c < own; c++, cast++) {
      const r = rand();
      yield {
        type: 'VOTE',
        participantId: pid(p),
        commitmentId: `commitment-${1 + c}`,
        choice: r < 0.55 ? 'support' : r < 0.8 ? 'oppose' : 'neutral',
        createdAt: at(),
      };
    }
  }
  const sections = [undefined, 'problem', 'causes', 'objective', 'milestone-m1', 'milestone-m2'];
  for (let c = 0; c < comments; c++) {
    const english = rand() < 0.2;
    const vocabulary = english ? EN_WORDS : SQ_WORDS;
    const length = 8 + Math.floor(rand() * 25);
    const body = Array.from({ length }, () => pick(vocabulary)).join(' ');
    const reply = c > 10 && rand() < 0.2;
    const sectionId = pick(sections);
    yield {
      type: 'COMMENT',
      id: `C${String(c).padStart(12, '0')}`,
      consultationId: 'bench',
      commitmentId: `commitment-${1 + (c % COMMITMENTS)}`,
      ...(sectionId ? { sectionId } : {}),
      ...(reply ? { parentId: `C${String(c - 10).padStart(12, '0')}` } : {}),
      body,
      participantId: pid(Math.floor(rand() * participants)),
      createdAt: at(),
      status: rand() < 0.95 ? 'published' : 'hidden',
      agree: Math.floor(rand() * 40),
      disagree: Math.floor(rand() * 20),
      pass: Math.floor(rand() * 5),
      replyCount: 0,
    };
  }
}

async function child(mode: string, comments: number, votes: number) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let items = 0;
  let totals: unknown;
  if (mode === 'generate') {
    for (const _ of generateItems({ comments, votes })) items++;
  } else {
    const counted = (function* () {
      for (const item of generateItems({ comments, votes })) {
        items++;
        yield item;
      }
    })();
    const summary = await summarise(benchContext(), counted);
    totals = summary.totals;
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(JSON.stringify({ ms, cpuMs, items, peakRssMb: process.resourceUsage().maxRSS / 1024, totals }));
}

type ChildResult = { ms: number; cpuMs: number; items: number; peakRssMb: number; totals?: unknown };

function runChild(mode: 'summary' | 'generate', comments: number, votes: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [import.meta.filename, '--child', mode, '--comments', String(comments), '--votes', String(votes)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
    });
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`P6 child exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
}

export async function benchSummaryFunction({
  comments,
  votes,
  runs,
}: {
  comments: number;
  votes: number;
  runs: number;
}) {
  const summary: ChildResult[] = [];
  const generate: ChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    summary.push(await runChild('summary', comments, votes));
    generate.push(await runChild('generate', comments, votes));
  }
  const total = stats(summary.map((r) => r.ms));
  const generation = stats(generate.map((r) => r.ms));
  const own = stats(summary.map((r, i) => r.ms - (generate[i]?.ms ?? 0)));
  // CPU time the summary child got (all its threads, GC included) against its wall time: on a machine busy with
  // other work the child gets a fraction of a core, and the wall time grows with the load, not with the code.
  const ownCpu = stats(summary.map((r, i) => r.cpuMs - (generate[i]?.cpuMs ?? 0)));
  const cpuShare = stats(summary.map((r) => r.cpuMs / r.ms));
  const peak = Math.max(...summary.map((r) => r.peakRssMb));
  const baselineRss = Math.max(...generate.map((r) => r.peakRssMb));
  return {
    comments,
    votes,
    items: summary[0]?.items ?? 0,
    runs,
    summaryWithGenerationMs: roundStats(total, 0),
    generationOnlyMs: roundStats(generation, 0),
    summaryMs: roundStats(own, 0),
    summaryCpuMs: roundStats(ownCpu, 0),
    cpuShareOfWallTime: roundStats(cpuShare, 2),
    peakRssMb: round(peak, 0),
    generationOnlyPeakRssMb: round(baselineRss, 0),
    targetMs: TARGET_MS,
    targetMb: TARGET_MB,
    // The target is the function's own time: the median of (summary with generation − generation alone).
    verdict: own.median <= TARGET_MS && peak <= TARGET_MB ? 'met' : 'missed',
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      comments: { type: 'string', default: '100000' },
      votes: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '3' },
    },
  });
  if (values.child) await child(values.child, Number(values.comments), Number(values.votes));
  else
    console.log(
      await benchSummaryFunction({
        comments: Number(values.comments),
        votes: Number(values.votes),
        runs: Number(values.runs),
      }),
    );
}
