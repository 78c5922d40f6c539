import type { ValidationError } from '@nestjs/common';
import { validationDetails } from './validation.pipe.js';

describe('validationDetails', () => {
  it('gives one entry per bad field with dotted paths for nested objects', () => {
    const errors: ValidationError[] = [
      { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
      { property: 'address', children: [{ property: 'city', constraints: { isString: 'city must be a string', isNotEmpty: 'city should not be empty' }, children: [] }] },
    ];
    expect(validationDetails(errors)).toEqual([
      { field: 'email', message: 'email must be an email' },
      { field: 'address.city', message: 'city must be a string; city should not be empty' },
    ]);
  });
});
