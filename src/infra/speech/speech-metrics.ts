import type { SpeechScores, SpokenWord } from './speech.provider.js';

/** Conversational speech sits between these rates (words per minute); outside them fluency drops. */
export const FLUENT_WPM = { min: 100, max: 170 } as const;
/** A silence longer than this between two words counts as a hesitation. */
export const HESITATION_MS = 1_500;
/** A word recognised with at least this confidence counts as clearly spoken. */
export const CLEAR_WORD_CONFIDENCE = 0.8;

const clamp = (value: number) => Math.max(0, Math.min(100, value));
const round1 = (value: number) => Math.round(value * 10) / 10;
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/**
 * Scores from the transcript and word confidences:
 * - pronunciation: mean word confidence;
 * - fluency: speaking rate against FLUENT_WPM, minus 10 points per hesitation;
 * - accuracy: with a reference text, the share of its words that were said; without one, the share
 *   of clearly recognised words.
 */
export function scoreSpeech(spoken: readonly SpokenWord[], referenceText?: string): SpeechScores {
  if (spoken.length === 0) return { fluency: 0, accuracy: 0, pronunciation: 0, overall: 0 };
  const pronunciation = (spoken.reduce((sum, w) => sum + w.confidence, 0) / spoken.length) * 100;

  const minutes = Math.max(spoken[spoken.length - 1].end - spoken[0].start, 1) / 60_000;
  const wpm = spoken.length / minutes;
  const rate = wpm < FLUENT_WPM.min ? (wpm / FLUENT_WPM.min) * 100 : wpm > FLUENT_WPM.max ? (FLUENT_WPM.max / wpm) * 100 : 100;
  const hesitations = spoken.slice(1).filter((w, i) => w.start - spoken[i].end > HESITATION_MS).length;
  const fluency = clamp(rate - hesitations * 10);

  let accuracy: number;
  const reference = referenceText ? words(referenceText) : [];
  if (reference.length) {
    const said = new Map<string, number>();
    for (const w of spoken.flatMap((s) => words(s.text))) said.set(w, (said.get(w) ?? 0) + 1);
    let matched = 0;
    for (const w of reference) {
      const left = said.get(w) ?? 0;
      if (left > 0) {
        matched += 1;
        said.set(w, left - 1);
      }
    }
    accuracy = (matched / reference.length) * 100;
  } else {
    accuracy = (spoken.filter((w) => w.confidence >= CLEAR_WORD_CONFIDENCE).length / spoken.length) * 100;
  }

  const overall = (fluency + accuracy + pronunciation) / 3;
  return { fluency: round1(fluency), accuracy: round1(accuracy), pronunciation: round1(pronunciation), overall: round1(overall) };
}
