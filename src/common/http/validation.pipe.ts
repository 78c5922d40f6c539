import { ArgumentMetadata, HttpStatus, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { AppError, ErrorDetail } from './app-error.js';

/** Flattens nested class-validator errors into one detail per bad field, with a dotted path. */
export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

const NOT_DTOS = new Set<unknown>([String, Boolean, Number, Array, Object, Buffer, Date]);

const isEmptyInput = (value: unknown): boolean => {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
};

/**
 * The global ValidationPipe, doing no work where there is nothing to validate: parameters without a
 * DTO (custom decorators, primitives) are answered synchronously, and a DTO given no input at all (a
 * list without query parameters, an empty body) is validated once per DTO class. When its defaults are
 * valid, later empty inputs get a fresh instance without class-transformer or class-validator.
 */
class LeanValidationPipe extends ValidationPipe {
  private readonly emptyInputIsFresh = new Map<Type, boolean>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base declares a Promise; answering synchronously where nothing is validated is the point
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    const metatype = metadata.metatype;
    if (metadata.type === 'custom' || !metatype || NOT_DTOS.has(metatype)) return this.transformPrimitive(value, metadata);
    if (!isEmptyInput(value)) return super.transform(value, metadata);
    const fresh = this.emptyInputIsFresh.get(metatype);
    if (fresh) return new metatype();
    if (fresh === false) return super.transform(value, metadata);
    return this.learnEmptyInput(value, metadata, metatype);
  }

  private async learnEmptyInput(value: unknown, metadata: ArgumentMetadata, metatype: Type): Promise<unknown> {
    try {
      const entity: unknown = await super.transform(value, metadata);
      const fresh: unknown = new metatype();
      this.emptyInputIsFresh.set(
        metatype,
        Object.getPrototypeOf(entity) === metatype.prototype && isDeepStrictEqual({ ...(entity as object) }, { ...(fresh as object) }),
      );
      return entity;
    } catch (error) {
      this.emptyInputIsFresh.set(metatype, false);
      throw error;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new LeanValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request is invalid', validationDetails(errors)),
  });
}
