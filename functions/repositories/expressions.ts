/**
 * `ADD #c0 :d0, #c1 :d1` for a set of counters and their deltas, with its attribute names and values, so callers
 * can merge it into their own UpdateExpression. Counter names are always passed as placeholders.
 */
export function addCounters(deltas: Record<string, number>): {
  expression: string;
  names: Record<string, string>;
  values: Record<string, number>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = Object.entries(deltas).map(([counter, delta], i) => {
    names[`#c${i}`] = counter;
    values[`:d${i}`] = delta;
    return `#c${i} :d${i}`;
  });
  return { expression: parts.join(', '), names, values };
}
