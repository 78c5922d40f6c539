import { parseRubricReply } from './writing-rubric.js';

describe('writing rubric reply', () => {
  it('reads the three scores and averages them', () => {
    expect(parseRubricReply('{"grammar": 80, "coherence": 70, "vocabulary": 75, "feedback": "Good."}', 'm')).toEqual({
      grammar: 80,
      coherence: 70,
      vocabulary: 75,
      overall: 75,
      feedback: 'Good.',
      model: 'm',
    });
  });

  it('accepts a fenced reply and clamps out-of-range scores', () => {
    const scores = parseRubricReply('```json\n{"grammar": 120, "coherence": -5, "vocabulary": 50}\n```', 'm');
    expect(scores).toMatchObject({ grammar: 100, coherence: 0, vocabulary: 50, feedback: '' });
  });

  it('refuses replies that do not follow the format', () => {
    expect(parseRubricReply('not json', 'm')).toBeNull();
    expect(parseRubricReply('{"grammar": "good"}', 'm')).toBeNull();
  });
});
