import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  conversationIdFrom,
  deterministicUlid,
  latestVotes,
  parsePolis,
  polisCommentId,
  polisDatetime,
  polisParticipantId,
  polisVoterOf,
  tallyLatest,
} from '#shared/summary/polis.ts';
import { POLIS_DIR, participantMatrixTallies } from '../support/summary-fixtures.ts';

const read = (folder: string, file: string) => readFileSync(path.join(POLIS_DIR, folder, file), 'utf8');
const load = (folder: string) =>
  parsePolis(
    { comments: read(folder, 'comments.csv'), votes: read(folder, 'votes.csv'), summary: read(folder, 'summary.csv') },
    folder,
  );

describe('reading Polis open-data exports', () => {
  it.each([
    // folder, conversation, statements, vote rows, latest votes, comments whose comments.csv counts equal the latest votes
    ['vtaiwan.uberx', '3phdex2kjf', 197, 49_997, 49_443, 101],
    ['bg2050-volunteers', '3nemnipcrc', 371, 14_341, 14_283, 339],
  ])(
    'reads %s (v1 and v2 columns) and keeps each voter’s latest vote',
    (folder, id, statements, rows, latest, consistent) => {
      const conversation = load(folder);
      expect(conversation.conversationId).toBe(id);
      expect(conversation.comments).toHaveLength(statements);
      expect(conversation.votes).toHaveLength(rows);
      expect(latestVotes(conversation.votes)).toHaveLength(latest);
      // 1 = agree: the latest votes give Polis's own participant-vote matrix for every statement.
      const tallies = tallyLatest(conversation.votes);
      const matrix = participantMatrixTallies(folder);
      for (const comment of conversation.comments) {
        expect(tallies.get(comment.id) ?? { agree: 0, disagree: 0, pass: 0 }).toEqual(matrix.get(comment.id));
      }
      // Polis's comments.csv counts a few votes its export does not contain (never fewer).
      const equal = conversation.comments.filter((c) => {
        const t = tallies.get(c.id);
        expect(c.agrees).toBeGreaterThanOrEqual(t?.agree ?? 0);
        expect(c.disagrees).toBeGreaterThanOrEqual(t?.disagree ?? 0);
        return c.agrees === t?.agree && c.disagrees === t?.disagree;
      });
      expect(equal).toHaveLength(consistent);
    },
  );

  it('keeps the later of two votes, the later row on equal timestamps', () => {
    const votes = latestVotes([
      { commentId: 1, voterId: 7, timestamp: 10, vote: 1 },
      { commentId: 1, voterId: 7, timestamp: 30, vote: -1 },
      { commentId: 1, voterId: 7, timestamp: 20, vote: 0 },
      { commentId: 2, voterId: 7, timestamp: 5, vote: 1 },
      { commentId: 2, voterId: 7, timestamp: 5, vote: 0 },
    ]);
    expect(votes.map((v) => [v.commentId, v.vote])).toEqual([
      [1, -1],
      [2, 0],
    ]);
  });

  it('names the conversation from summary.csv, else from the folder', () => {
    expect(conversationIdFrom('topic,x\nurl,https://pol.is/3phdex2kjf\n', 'whatever')).toBe('3phdex2kjf');
    expect(conversationIdFrom(undefined, 'My Folder_2')).toBe('my-folder-2');
  });
});

describe('deterministic ids', () => {
  it('makes valid ULIDs with the Polis time and a hash of the statement', () => {
    const id = polisCommentId('3phdex2kjf', { id: 12, timestamp: 1_435_654_192_085 });
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(id).toBe(polisCommentId('3phdex2kjf', { id: 12, timestamp: 1_435_654_192_085 }));
    expect(id.slice(0, 10)).toBe(deterministicUlid(1_435_654_192_085, 'other').slice(0, 10));
    expect(id).not.toBe(polisCommentId('3phdex2kjf', { id: 13, timestamp: 1_435_654_192_085 }));
    expect(id).not.toBe(polisCommentId('3nemnipcrc', { id: 12, timestamp: 1_435_654_192_085 }));
  });

  it('derives a participant from the conversation and the voter, and back', () => {
    const participant = polisParticipantId('3phdex2kjf', 1065);
    expect(participant).toBe('polis-3phdex2kjf-1065');
    expect(polisVoterOf('3phdex2kjf', participant)).toBe(1065);
    expect(polisVoterOf('3nemnipcrc', participant)).toBeUndefined();
  });

  it('writes Polis’s datetime in UTC', () => {
    expect(polisDatetime(1_472_552_518_501)).toBe('Tue Aug 30 10:21:58 UTC 2016');
  });
});
