import type { ModerationResult } from './local-moderation.js';

export const MODERATION_PROVIDER = Symbol('MODERATION_PROVIDER');

/** Decides whether a user's text may enter the conversation. */
export interface ModerationProvider {
  readonly name: 'openai' | 'local';
  check(text: string): Promise<ModerationResult>;
}
