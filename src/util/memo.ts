/**
 * Remembers a pure function of a text. The analyses meet the same template texts and actions many
 * times over (both analyses lex every template, and charts repeat actions across templates). The
 * cache is bounded by the length of the texts it holds, so a long-lived process (the tests) does not
 * keep every text it has seen: when it is full, it starts over.
 */
export function memoByText<T>(compute: (text: string) => T, maxChars = 16 * 1024 * 1024): (text: string) => T {
  const known = new Map<string, T>();
  let chars = 0;
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (chars + text.length > maxChars) {
        known.clear();
        chars = 0;
      }
      value = compute(text);
      known.set(text, value);
      chars += text.length;
    }
    return value;
  };
}
