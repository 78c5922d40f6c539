export type SentimentLabel = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE' | 'FRUSTRATED';

export interface SentimentResult {
  label: SentimentLabel;
  /** Sum of word scores after negation and intensifiers; > 0 positive, < 0 negative. */
  score: number;
}

const LEXICON: Record<string, number> = {
  thanks: 2,
  thank: 2,
  great: 3,
  good: 2,
  awesome: 3,
  excellent: 3,
  perfect: 3,
  love: 3,
  happy: 2,
  helpful: 2,
  amazing: 3,
  nice: 2,
  glad: 2,
  works: 1,
  solved: 2,
  appreciate: 2,
  fantastic: 3,
  wonderful: 3,
  easy: 1,
  fine: 1,
  bad: -2,
  wrong: -2,
  broken: -2,
  error: -1,
  fail: -2,
  failed: -2,
  failing: -2,
  problem: -1,
  issue: -1,
  slow: -1,
  terrible: -3,
  awful: -3,
  horrible: -3,
  hate: -3,
  angry: -3,
  annoyed: -2,
  annoying: -2,
  disappointed: -2,
  poor: -2,
  unhappy: -2,
  worst: -3,
  cannot: -1,
  "can't": -1,
  confused: -1,
  unable: -1,
  crash: -2,
  crashes: -2,
  lost: -1,
  refund: -1,
  useless: -3,
  ridiculous: -3,
  unacceptable: -3,
  frustrated: -3,
  frustrating: -3,
  furious: -4,
  waste: -2,
  pathetic: -3,
};

const NEGATIONS = new Set(['not', "don't", 'dont', "doesn't", 'doesnt', 'no', 'never', "isn't", 'isnt', "wasn't", "didn't", 'didnt']);
const INTENSIFIERS: Record<string, number> = { very: 1.5, really: 1.5, extremely: 2, so: 1.3, totally: 1.5, completely: 1.5 };
/** Words that signal exasperation rather than plain negativity. */
const FRUSTRATION_CUES = new Set([
  'again',
  'still',
  'ridiculous',
  'useless',
  'unacceptable',
  'frustrated',
  'frustrating',
  'furious',
  'waste',
  'pathetic',
  'seriously',
  'nobody',
  'forever',
]);

/** The local lexicon scorer: fast, free, deterministic; positive | neutral | negative | frustrated. */
export function scoreSentiment(text: string): SentimentResult {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  let score = 0;
  let cues = 0;
  words.forEach((word, index) => {
    if (FRUSTRATION_CUES.has(word)) cues += 1;
    const base = LEXICON[word];
    if (base === undefined) return;
    const previous = words.slice(Math.max(0, index - 3), index);
    const intensity = previous.reduce((factor, w) => factor * (INTENSIFIERS[w] ?? 1), 1);
    const negated = previous.some((w) => NEGATIONS.has(w));
    score += base * intensity * (negated ? -0.75 : 1);
  });
  const shouting = (text.match(/!/g) ?? []).length >= 2 || /\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b/.test(text);
  if (shouting) cues += 1;
  score = Math.round(score * 100) / 100;
  let label: SentimentLabel = 'NEUTRAL';
  if (score >= 1) label = 'POSITIVE';
  else if (score <= -1) label = cues > 0 || score <= -5 ? 'FRUSTRATED' : 'NEGATIVE';
  else if (cues >= 2) label = 'FRUSTRATED';
  return { label, score };
}
