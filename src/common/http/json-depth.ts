const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`, found in one pass over the text
 * without building anything. Brackets inside strings are text. Malformed text is left to the parser:
 * this only has to be right for text that parses.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === QUOTE) {
      for (i += 1; i < length; i += 1) {
        const inString = text.charCodeAt(i);
        if (inString === BACKSLASH) i += 1;
        else if (inString === QUOTE) break;
      }
    } else if (char === OPEN_ARRAY || char === OPEN_OBJECT) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}
