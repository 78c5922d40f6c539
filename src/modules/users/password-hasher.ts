import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { AppConfig } from '../../config/app-config.js';

/** bcrypt at the configured cost, plus a dummy hash so that checks for unknown users take as long. */
@Injectable()
export class PasswordHasher {
  private readonly dummy: string;

  constructor(private readonly config: AppConfig) {
    this.dummy = bcrypt.hashSync('not-a-real-password-only-burns-time', config.bcryptRounds);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptRounds);
  }

  /** Compares against `hash`, or against the dummy hash when there is no user, so both take as long. */
  async matches(password: string, hash: string | undefined | null): Promise<boolean> {
    const result = await bcrypt.compare(password, hash ?? this.dummy);
    return Boolean(hash) && result;
  }
}
