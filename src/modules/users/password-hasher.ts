import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { AppConfig } from '../../config/app-config.js';

/** bcrypt at the configured cost, plus a dummy hash so that checks for unknown users take as long. */
@Injectable()
export class PasswordHasher {
  // Hashed on the thread pool while the app starts, not on the main thread (one hash at cost 10 is
  // ~70 ms of a start's CPU).
  private readonly dummy: Promise<string>;

  constructor(private readonly config: AppConfig) {
    this.dummy = bcrypt.hash('not-a-real-password-only-burns-time', config.bcryptRounds);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptRounds);
  }

  /** Compares against `hash`, or against the dummy hash when there is no user, so both take as long. */
  async matches(password: string, hash: string | undefined | null): Promise<boolean> {
    const result = await bcrypt.compare(password, hash ?? (await this.dummy));
    return Boolean(hash) && result;
  }
}
