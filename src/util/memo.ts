/**
 * Remembers a pure function of a text. The analyses meet the same template texts and actions many
 * times over (every pass over a chart, and charts repeat actions across templates). The cache is
 * bounded so a long-lived process (the tests) does not keep every text it has seen: when it is
 * full, it starts over.
 */
export function memoByText<T>(compute: (text: string) => T, maxEntries = 65536): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= maxEntries) known.clear();
      value = compute(text);
      known.set(text, value);
    }
    return value;
  };
}
