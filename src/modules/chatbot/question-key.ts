import leven from 'leven';
import { significantTokens } from '../faqs/index.js';

/**
 * Near-duplicate questions ("How do I get a refund?", "how can i get refunds") share one key: their
 * significant words, stemmed, de-duplicated and sorted (case, punctuation, stop words, word order and
 * plurals drop out).
 */
export function questionGroupKey(question: string): string {
  const tokens = significantTokens(question).sort();
  return tokens.length ? tokens.join(' ') : question.trim().toLowerCase().slice(0, 100);
}

/** How many typos a word of this length may carry and still be the same word: none in short words. */
const typosAllowed = (length: number) => (length < 5 ? 0 : length < 9 ? 1 : 2);

/** Two neighbouring letters swapped ("refnud"): one typo, although Levenshtein counts two edits. */
function isSwap(word: string, other: string): boolean {
  if (word.length !== other.length) return false;
  const differ = [...word].flatMap((letter, index) => (letter === other[index] ? [] : [index]));
  return differ.length === 2 && differ[1] === differ[0] + 1 && word[differ[0]] === other[differ[1]] && word[differ[1]] === other[differ[0]];
}

/** Whether `candidate` is `word` with a small typo. */
function isTypoOf(word: string, candidate: string): boolean {
  const allowed = typosAllowed(Math.min(word.length, candidate.length));
  if (allowed === 0 || candidate[0] !== word[0]) return false;
  return isSwap(word, candidate) || leven(word, candidate, { maxDistance: allowed + 1 }) <= allowed;
}

/**
 * Whether two group keys are the same question up to small typos ("antarctica parcel ship" and
 * "antartica parcel ship"): the same number of words, each word of one matching a word of the other
 * exactly or within the typos its length allows, starting with the same letter. Different words
 * ("billing address" and "shipping address") stay apart.
 */
export function sameQuestion(key: string, other: string): boolean {
  if (key === other) return true;
  const words = key.split(' ');
  const unmatched = other.split(' ');
  if (words.length !== unmatched.length) return false;
  for (const word of words) {
    const exact = unmatched.indexOf(word);
    const index = exact >= 0 ? exact : unmatched.findIndex((candidate) => isTypoOf(word, candidate));
    if (index < 0) return false;
    unmatched.splice(index, 1);
  }
  return true;
}

const QUESTION_START = /^(how|what|why|when|where|who|which|can|could|is|are|do|does|did|will|would|should|may|i need|i want|i can't|i cannot|help)\b/i;

/** Words of courtesy and agreement: a message made only of them asks nothing. */
const SMALL_TALK = new Set(
  'ok okay sure yes yeah yep no nope fine good great cool nice awesome perfect sound thank thx ty bye goodbye welcome alright right got understood help lot much'.split(
    ' ',
  ),
);

/**
 * Whether a message asks something the knowledge base could answer, as opposed to small talk
 * ("thanks", "ok, sounds good"): a question ("?" or a question word first) with two words that are not
 * small talk, or a statement of a problem with three ("I still cannot log in to the app").
 */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  const words = significantTokens(trimmed).filter((word) => !SMALL_TALK.has(word));
  if (words.length >= 3) return true;
  return words.length === 2 && (trimmed.includes('?') || QUESTION_START.test(trimmed));
}

/**
 * The first letter of each word of a group key: keys that `sameQuestion` can take as one share it
 * (same number of words, each matched by a word with the same first letter), so it finds the
 * candidates with one index lookup.
 */
export function questionSignature(key: string): string {
  return key
    .split(' ')
    .map((word) => word.charAt(0))
    .join('');
}
