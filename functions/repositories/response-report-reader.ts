import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Catalog } from '#shared/catalog.ts';
import { NotFoundError } from '#shared/errors.ts';
import { indexKeys, type Key, keys } from '#shared/keys.ts';
import { type ReportLine, type ResponseItem, reportLines, splitMeetingContribution } from '#shared/responses.ts';
import type { Language } from '#shared/schemas/common.ts';
import type { ResponseReport, ResponseReportEntry } from '#shared/schemas/staff.ts';
import { decodeCursor, encodeCursor } from './staff-cursor.ts';

export type ResponseReportRequest = { limit: number; cursor?: string; language: Language };

/** The public response report of a consultation: only once published; texts only of public contributions. */
export interface ResponseReportReader {
  report(catalog: Catalog, consultationId: string, request: ResponseReportRequest): Promise<ResponseReport>;
}

type Texts = Map<string, { text?: string; title?: string }>;

/**
 * Reads the report from the published marker, the consultation's responses (gsi1) and, for one page of lines, the
 * texts of the contributions. Nothing about authors is read: comments give id, text and status; proposals id,
 * title, proposed solution and visibility (never the organisation's contact); meeting records their contributions.
 */
export function createDynamoResponseReportReader(
  client: DynamoDBDocumentClient,
  tableName: string,
): ResponseReportReader {
  async function texts(lines: readonly ReportLine[], language: Language): Promise<Texts> {
    const found: Texts = new Map();
    const wanted = new Map<string, Key>();
    for (const line of lines) {
      const key =
        line.kind === 'comment'
          ? keys.comment(line.id)
          : line.kind === 'proposal'
            ? keys.proposal(line.id)
            : keys.meeting(splitMeetingContribution(line.id).meetingId);
      wanted.set(key.pk, key);
    }
    const list = [...wanted.values()];
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < list.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = list.slice(i, i + 100);
      for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
        const output = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: {
                Keys: pending,
                ProjectionExpression: 'pk, id, body, #status, title, objective, visibility, contributions',
                ExpressionAttributeNames: { '#status': 'status' },
              },
            },
          }),
        );
        items.push(...(output.Responses?.[tableName] ?? []));
        pending = output.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    for (const item of items) {
      const pk = String(item.pk);
      if (pk.startsWith('COMMENT#')) {
        found.set(`comment:${item.id}`, item.status === 'published' ? { text: String(item.body) } : {});
      } else if (pk.startsWith('PROPOSAL#')) {
        found.set(
          `proposal:${item.id}`,
          item.visibility === 'approved' ? { title: String(item.title), text: String(item.objective) } : {},
        );
      } else {
        const contributions = (item.contributions ?? []) as { id: string; text: { sq: string; en?: string } }[];
        for (const c of contributions) {
          found.set(`meeting-contribution:${item.id}/${c.id}`, {
            text: language === 'en' ? (c.text.en ?? c.text.sq) : c.text.sq,
          });
        }
      }
    }
    return found;
  }

  return {
    async report(catalog, consultationId, { limit, cursor, language }) {
      catalog.consultation(consultationId);
      const { Item: marker } = await client.send(
        new GetCommand({ TableName: tableName, Key: keys.responseReport(consultationId) }),
      );
      if (!marker) throw new NotFoundError('response-report');
      const offset = cursor === undefined ? 0 : decodeCursor(cursor, z.strictObject({ offset: z.int().min(1) })).offset;
      const responses: ResponseItem[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :responses',
            ExpressionAttributeValues: { ':responses': indexKeys.responses(consultationId) },
            // Who answered is recorded for staff, not published.
            ProjectionExpression: 'targets, disposition, mergedInto, justification, updatedAt',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        responses.push(...((output.Items ?? []) as ResponseItem[]));
        start = output.LastEvaluatedKey;
      } while (start);
      const lines = reportLines(catalog, consultationId, responses);
      const pageLines = lines.slice(offset, offset + limit);
      const found = await texts(pageLines, language);
      const commitments: ResponseReport['commitments'] = [];
      for (const line of pageLines) {
        const text = found.get(`${line.kind}:${line.id}`) ?? {};
        const entry: ResponseReportEntry = {
          kind: line.kind,
          id: line.id,
          origin: line.kind === 'meeting-contribution' ? 'meeting' : 'online',
          ...(text.title !== undefined ? { title: text.title } : {}),
          ...(text.text !== undefined ? { text: text.text } : {}),
          disposition: line.response.disposition,
          ...(line.response.mergedInto
            ? { mergedInto: { kind: line.response.mergedInto.kind, id: line.response.mergedInto.id } }
            : {}),
          justification: {
            sq: line.response.justification.sq,
            ...(line.response.justification.en !== undefined ? { en: line.response.justification.en } : {}),
          },
          respondedAt: line.response.updatedAt,
        };
        const group = commitments.at(-1);
        if (group && group.commitmentId === line.commitmentId) group.entries.push(entry);
        else commitments.push({ commitmentId: line.commitmentId, entries: [entry] });
      }
      const next = offset + limit;
      return {
        consultationId,
        publishedAt: String(marker.publishedAt),
        commitments,
        ...(next < lines.length ? { nextCursor: encodeCursor({ offset: next }) } : {}),
      };
    },
  };
}
