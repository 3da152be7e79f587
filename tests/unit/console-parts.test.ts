import { describe, expect, it } from 'vitest';
import { latestRequestGuard } from '../../site/src/islands/console/parts.tsx';

describe('the console lists’ guard against out-of-order answers', () => {
  it('lets only the latest request show its answer, whatever order the answers arrive in', () => {
    const begin = latestRequestGuard();
    const first = begin();
    expect(first()).toBe(true);
    const second = begin();
    // The first answer arrives after the second request began: stale.
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    const third = begin();
    expect([first(), second(), third()]).toEqual([false, false, true]);
  });

  it('keeps separate lists apart', () => {
    const moderation = latestRequestGuard();
    const proposals = latestRequestGuard();
    const queue = moderation();
    proposals();
    expect(queue()).toBe(true);
  });
});
