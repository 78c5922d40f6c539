import { callPhrase, canMoveRequest, canMoveSession, durationSeconds, formatDuration, modeLabel, SUPERSEDED, withArticle } from './call-state.js';

describe('call session state machine', () => {
  it('starts only a created call and ends a created or started one', () => {
    expect(canMoveSession('CREATED', 'STARTED')).toBe(true);
    expect(canMoveSession('STARTED', 'STARTED')).toBe(false);
    expect(canMoveSession('ENDED', 'STARTED')).toBe(false);
    expect(canMoveSession('CREATED', 'ENDED')).toBe(true);
    expect(canMoveSession('STARTED', 'ENDED')).toBe(true);
    expect(canMoveSession('ENDED', 'ENDED')).toBe(false);
  });

  it('answers a waiting request once, and lets an accepted one without a room wait again or give way', () => {
    for (const answer of ['ACCEPTED', 'REJECTED', 'CANCELLED', 'EXPIRED'] as const) {
      expect(canMoveRequest('PENDING', answer)).toBe(true);
      expect(canMoveRequest('REJECTED', answer)).toBe(false);
      expect(canMoveRequest('CANCELLED', answer)).toBe(false);
      expect(canMoveRequest('EXPIRED', answer)).toBe(false);
    }
    expect(canMoveRequest('ACCEPTED', 'PENDING')).toBe(true);
    expect(canMoveRequest('ACCEPTED', SUPERSEDED)).toBe(true);
    expect(canMoveRequest('ACCEPTED', 'ACCEPTED')).toBe(false);
    expect(canMoveRequest('ACCEPTED', 'CANCELLED')).toBe(false);
    expect(canMoveRequest('EXPIRED', 'PENDING')).toBe(false);
    expect(SUPERSEDED).toBe('EXPIRED');
  });

  it('measures and formats the duration', () => {
    expect(durationSeconds(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T10:03:12.400Z'))).toBe(192);
    expect(durationSeconds(null, new Date())).toBe(0);
    expect(formatDuration(192)).toBe('3m 12s');
    expect(formatDuration(9)).toBe('9s');
    expect(modeLabel('SCREEN')).toBe('Screen sharing session');
  });

  it('puts the right indefinite article before each mode', () => {
    expect(withArticle(callPhrase('AUDIO'))).toBe('an audio call');
    expect(withArticle(callPhrase('VIDEO'))).toBe('a video call');
    expect(withArticle(callPhrase('SCREEN'))).toBe('a screen sharing session');
    expect(withArticle('Audio call')).toBe('an Audio call');
  });
});
