import { scoreSpeech } from './speech-metrics.js';
import type { SpokenWord } from './speech.provider.js';

/** `count` words, `gapMs` apart, each 300 ms long. */
const spoken = (texts: string[], confidence: number, gapMs = 100): SpokenWord[] =>
  texts.map((text, i) => ({ text, confidence, start: i * (300 + gapMs), end: i * (300 + gapMs) + 300 }));

describe('speech scoring', () => {
  it('scores nothing said as zero', () => {
    expect(scoreSpeech([])).toEqual({ fluency: 0, accuracy: 0, pronunciation: 0, overall: 0 });
  });

  it('scores clear speech at a natural rate highly', () => {
    // 8 words in 3.1 s ≈ 155 wpm, all confident
    const scores = scoreSpeech(spoken('I would like to book a table tonight'.split(' '), 0.95));
    expect(scores.pronunciation).toBe(95);
    expect(scores.fluency).toBe(100);
    expect(scores.accuracy).toBe(100);
    expect(scores.overall).toBeCloseTo(98.3, 1);
  });

  it('penalises hesitations and slow speech', () => {
    const slow = scoreSpeech(spoken(['I', 'would', 'like', 'tea'], 0.9, 2_000));
    expect(slow.fluency).toBeLessThan(50);
  });

  it('measures accuracy against a reference text', () => {
    const scores = scoreSpeech(spoken(['the', 'cat', 'sat'], 0.9), 'The cat sat on the mat');
    expect(scores.accuracy).toBe(50);
  });

  it('without a reference counts clearly recognised words', () => {
    const words = [...spoken(['a', 'b'], 0.9), ...spoken(['c', 'd'], 0.4).map((w) => ({ ...w, start: w.start + 800, end: w.end + 800 }))];
    expect(scoreSpeech(words).accuracy).toBe(50);
  });
});
