import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import { AppError } from './app-error.js';
import { toErrorBody } from './error-body.js';

const prismaError = (code: string, meta?: Record<string, unknown>) => new Prisma.PrismaClientKnownRequestError('boom', { code, clientVersion: 'test', meta });

describe('toErrorBody', () => {
  it('keeps the code and details of an AppError', () => {
    const body = toErrorBody(new AppError(409, 'INVALID_STATE', 'Already resolved', [{ field: 'status', message: 'is RESOLVED' }]));
    expect(body).toMatchObject({ statusCode: 409, error: 'INVALID_STATE', message: 'Already resolved', details: [{ field: 'status' }], unexpected: false });
  });

  it('gives Nest exceptions a default code per status', () => {
    expect(toErrorBody(new NotFoundException('Nope'))).toMatchObject({ statusCode: 404, error: 'NOT_FOUND', message: 'Nope' });
    expect(toErrorBody(new BadRequestException(['a is bad', 'b is bad']))).toMatchObject({ statusCode: 400, message: 'a is bad; b is bad' });
  });

  it('maps Prisma errors: unique → 409, missing → 404, foreign key → 400, unreachable → 503', () => {
    expect(toErrorBody(prismaError('P2002', { target: ['email'] }))).toMatchObject({
      statusCode: 409,
      error: 'ALREADY_EXISTS',
      message: 'A record with this email already exists',
    });
    expect(toErrorBody(prismaError('P2025'))).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
    expect(toErrorBody(prismaError('P2003'))).toMatchObject({ statusCode: 400, error: 'INVALID_REFERENCE' });
    expect(toErrorBody(prismaError('P1001'))).toMatchObject({ statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
    expect(toErrorBody(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({ statusCode: 503 });
  });

  it('maps Fastify parsing errors wrapped by Nest', () => {
    const cause = Object.assign(new Error('Body is not valid JSON'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
    const wrapped = new HttpException('Body is not valid JSON', 400, { cause });
    expect(toErrorBody(wrapped)).toMatchObject({ statusCode: 400, error: 'MALFORMED_JSON' });
  });

  it('turns anything unknown into a generic 500 flagged as unexpected', () => {
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual({
      success: false,
      statusCode: 500,
      error: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side',
      unexpected: true,
    });
  });
});
