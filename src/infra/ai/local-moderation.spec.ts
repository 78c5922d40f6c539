import { moderateLocally, normaliseForModeration } from './local-moderation.js';

describe('moderateLocally', () => {
  it('passes ordinary support questions', () => {
    expect(moderateLocally('How do I kill the background process of the app?')).toEqual({ flagged: false, categories: [] });
    expect(moderateLocally('My assessment score looks wrong')).toEqual({ flagged: false, categories: [] });
  });

  it('flags insults, threats and self-harm with their categories', () => {
    expect(moderateLocally('You are an idiot')).toEqual({ flagged: true, categories: ['harassment'] });
    expect(moderateLocally('I will kill you').categories).toContain('violence');
    expect(moderateLocally('I want to end my life').categories).toEqual(['self-harm']);
  });

  it('sees through look-alike characters and masking', () => {
    expect(normaliseForModeration('1d10t')).toBe('idiot');
    expect(moderateLocally('sh!t happens').categories).toEqual(['profanity']);
    expect(moderateLocally('f.u.c.k you').flagged).toBe(true);
  });
});
