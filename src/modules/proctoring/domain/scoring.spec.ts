import { normalizeFillBlank, scoreObjective, weightedScore } from './scoring.js';

describe('objective scoring', () => {
  it('normalises fill-blank answers for case and spacing', () => {
    expect(normalizeFillBlank('  Has   Been. ')).toBe('has been');
    expect(scoreObjective('FILL_BLANK', ['has been'], ' HAS  been ')).toBe(1);
    expect(scoreObjective('FILL_BLANK', ['has been', "'s been"], "'s been")).toBe(1);
    expect(scoreObjective('FILL_BLANK', ['has been'], 'have been')).toBe(0);
  });

  it('scores MCQ by exact option', () => {
    expect(scoreObjective('READING_MCQ', ['Paris'], 'Paris')).toBe(1);
    expect(scoreObjective('AUDIO_MCQ', ['Paris'], 'paris')).toBe(0);
  });
});

describe('weighted score', () => {
  it('weights sections and counts unanswered questions as zero', () => {
    const result = weightedScore([
      {
        id: 'a',
        title: 'Reading',
        weight: 60,
        questions: [
          { points: 1, score: 1 },
          { points: 1, score: 0 },
        ],
      },
      {
        id: 'b',
        title: 'Speaking',
        weight: 40,
        questions: [
          { points: 2, score: 0.75 },
          { points: 2, score: null },
        ],
      },
    ]);
    expect(result.sections.map((s) => s.score)).toEqual([50, 37.5]);
    expect(result.total).toBe(45); // 0.6 * 50 + 0.4 * 37.5
  });

  it('is 0 without weights or points', () => {
    expect(weightedScore([]).total).toBe(0);
    expect(weightedScore([{ id: 'a', title: 'x', weight: 10, questions: [] }]).total).toBe(0);
  });
});
