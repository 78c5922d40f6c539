import { scoreSentiment } from './sentiment.js';

describe('scoreSentiment', () => {
  it('labels plain positive, neutral and negative text', () => {
    expect(scoreSentiment('Thanks, that was really helpful!').label).toBe('POSITIVE');
    expect(scoreSentiment('How do I change my email address?').label).toBe('NEUTRAL');
    expect(scoreSentiment('The upload failed with an error').label).toBe('NEGATIVE');
  });

  it('detects frustration from cues, shouting and strong negativity', () => {
    expect(scoreSentiment('This is ridiculous, it is broken again').label).toBe('FRUSTRATED');
    expect(scoreSentiment('It STILL DOES NOT work!!').label).toBe('FRUSTRATED');
    expect(scoreSentiment('terrible awful horrible service').label).toBe('FRUSTRATED');
  });

  it('flips negated words and weighs intensifiers', () => {
    expect(scoreSentiment('This is not good').score).toBeLessThan(0);
    expect(scoreSentiment('very good').score).toBeGreaterThan(scoreSentiment('good').score);
  });
});
