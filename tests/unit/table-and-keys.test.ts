import { describe, expect, it } from 'vitest';
import { agreedSortKey, keys, shardOf, TALLY_SHARDS } from '#shared/keys.ts';
import { keyAttributeNames, TABLE } from '#shared/table.ts';
import { assertLocalEndpoint } from '../../local/endpoint-guard.ts';
import { createTableInput } from '../../local/table.ts';

describe('local table creator', () => {
  it('creates exactly the shared table definition: keys, every index, all-string key attributes', () => {
    const input = createTableInput('konsulto-local');
    expect(input.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(input.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.map((k) => k.AttributeName)])).toEqual(
      TABLE.indexes.map((i) => [i.name, [i.partitionKey, i.sortKey]]),
    );
    expect(input.AttributeDefinitions).toHaveLength(2 + 2 * TABLE.indexes.length);
    expect(input.AttributeDefinitions?.every((a) => a.AttributeType === 'S')).toBe(true);
    expect(input.AttributeDefinitions?.map((a) => a.AttributeName)).toEqual(keyAttributeNames());
  });
});

describe('keys', () => {
  it('puts a participant always on the same tally shard, within range, spread over all shards', () => {
    const shards = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const shard = shardOf(`participant-${i}`);
      expect(shard).toBe(shardOf(`participant-${i}`));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(TALLY_SHARDS);
      shards.add(shard);
    }
    expect(shards.size).toBe(TALLY_SHARDS);
  });

  it('builds readable, distinct keys for each entity', () => {
    expect(keys.vote('p1', 'youth-seats')).toEqual({ pk: 'PARTICIPANT#p1', sk: 'VOTE#youth-seats' });
    expect(keys.tallyShard('youth-seats', 3)).toEqual({ pk: 'COMMITMENT#youth-seats#TALLY#3', sk: 'TALLY' });
    expect(keys.allTallyShards('x')).toHaveLength(TALLY_SHARDS);
    expect(agreedSortKey(42, '01J')).toBe('0000000042#01J');
    expect(agreedSortKey(100, 'a') > agreedSortKey(99, 'z')).toBe(true);
  });
});

describe('assertLocalEndpoint', () => {
  it('accepts DynamoDB Local on this machine', () => {
    expect(assertLocalEndpoint('http://localhost:8000')).toBe('http://localhost:8000');
    expect(assertLocalEndpoint('http://127.0.0.1:41234')).toBe('http://127.0.0.1:41234');
    expect(assertLocalEndpoint('http://[::1]:8000')).toBe('http://[::1]:8000');
  });

  it('refuses AWS endpoints, other hosts and a missing endpoint', () => {
    expect(() => assertLocalEndpoint('https://dynamodb.eu-central-1.amazonaws.com')).toThrow(/Refusing to write/);
    expect(() => assertLocalEndpoint('http://localhost.evil.example:8000')).toThrow(/Refusing to write/);
    expect(() => assertLocalEndpoint(undefined)).toThrow(/no DynamoDB endpoint/);
    expect(() => assertLocalEndpoint('not a url')).toThrow(/not a URL/);
  });
});
