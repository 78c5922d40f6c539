import type { ArgumentMetadata, ValidationError } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../pagination/pagination.js';
import { AppError } from './app-error.js';
import { createValidationPipe, validationDetails } from './validation.pipe.js';

describe('validationDetails', () => {
  it('gives one entry per bad field with dotted paths for nested objects', () => {
    const errors: ValidationError[] = [
      { property: 'email', constraints: { isEmail: 'email must be an email' }, children: [] },
      {
        property: 'address',
        children: [{ property: 'city', constraints: { isString: 'city must be a string', isNotEmpty: 'city should not be empty' }, children: [] }],
      },
    ];
    expect(validationDetails(errors)).toEqual([
      { field: 'email', message: 'email must be an email' },
      { field: 'address.city', message: 'city must be a string; city should not be empty' },
    ]);
  });
});

class NameDto {
  @IsString()
  @MaxLength(5)
  name: string;
}

describe('the global validation pipe', () => {
  const query = (metatype: ArgumentMetadata['metatype'], data?: string): ArgumentMetadata => ({ type: 'query', metatype, data });
  const isPromise = (value: unknown) => value instanceof Promise;

  it('answers synchronously where there is no DTO: custom decorators and primitives', () => {
    const pipe = createValidationPipe();
    const user = { id: 'u1' };
    const custom = pipe.transform(user, { type: 'custom', metatype: Object });
    expect(isPromise(custom)).toBe(false);
    expect(custom).toBe(user);
    const limit = pipe.transform('7', query(Number, 'limit'));
    expect(isPromise(limit)).toBe(false);
    expect(limit).toBe(7);
    expect(pipe.transform('x', { type: 'param', metatype: String, data: 'id' })).toBe('x');
  });

  it('validates a DTO given no input once, then hands out fresh defaults without validating again', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({}, query(PaginationQueryDto));
    expect(first).toBeInstanceOf(PaginationQueryDto);
    expect(first).toEqual({ page: 1, limit: 20 });
    const second = pipe.transform({}, query(PaginationQueryDto));
    expect(isPromise(second)).toBe(false);
    expect(second).toEqual({ page: 1, limit: 20 });
    expect(second).not.toBe(first);
    expect(await pipe.transform({ page: '3' }, query(PaginationQueryDto))).toEqual({ page: 3, limit: 20 });
    await expect(pipe.transform({ limit: '500' }, query(PaginationQueryDto))).rejects.toBeInstanceOf(AppError);
  });

  it('keeps refusing an empty input where the DTO requires fields', async () => {
    const pipe = createValidationPipe();
    const body: ArgumentMetadata = { type: 'body', metatype: NameDto };
    await expect(pipe.transform(undefined, body)).rejects.toBeInstanceOf(AppError);
    await expect(pipe.transform({}, body)).rejects.toBeInstanceOf(AppError);
    await expect(pipe.transform({ name: 'toolong' }, body)).rejects.toBeInstanceOf(AppError);
    expect(await pipe.transform({ name: 'Ann' }, body)).toEqual({ name: 'Ann' });
  });
});
