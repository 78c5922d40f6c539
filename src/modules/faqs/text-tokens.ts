const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with about from into over after before is are was were be been being am ' +
    'do does did doing have has had i me my mine we our you your he she it its they them their this that these those ' +
    'what which who whom how why when where can could would should will shall may might must please hi hello hey thanks ' +
    'thank just so too very also there here any some get got im ive id dont cant wont'
  ).split(' '),
);

/** A light stemmer: enough to treat "passwords", "resetting" and "reset" alike. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3).replace(/(.)\1$/, '$1');
  if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2).replace(/(.)\1$/, '$1');
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Significant, stemmed, de-duplicated words of a text. */
export function significantTokens(text: string): string[] {
  const words =
    text
      .toLowerCase()
      .replace(/'/g, '')
      .match(/[a-z0-9]+/g) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !STOPWORDS.has(w)).map(stem))];
}
