import { moderateLocally } from './local-moderation.js';
import type { ModerationProvider } from './moderation.provider.js';

export class LocalModerationProvider implements ModerationProvider {
  readonly name = 'local' as const;

  check(text: string) {
    return Promise.resolve(moderateLocally(text));
  }
}
