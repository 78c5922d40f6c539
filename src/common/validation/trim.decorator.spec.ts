import { plainToInstance } from 'class-transformer';
import { QueryBoolean } from './boolean-query.decorator.js';
import { Trim, TrimLowercase } from './trim.decorator.js';

class Input {
  @Trim() name?: unknown;
  @TrimLowercase() username?: unknown;
  @QueryBoolean() unread?: unknown;
}

describe('input normalising decorators', () => {
  it('trims strings, lower-cases with TrimLowercase, and reads query booleans', () => {
    expect(plainToInstance(Input, { name: '  Ann Smith \n', username: ' Ann.S ', unread: 'true' })).toEqual({
      name: 'Ann Smith',
      username: 'ann.s',
      unread: true,
    });
    expect(plainToInstance(Input, { unread: 'false' }).unread).toBe(false);
  });

  it('leaves other values for the validators to refuse', () => {
    expect(plainToInstance(Input, { name: 42, username: ['A'], unread: 'yes' })).toEqual({ name: 42, username: ['A'], unread: 'yes' });
  });
});
