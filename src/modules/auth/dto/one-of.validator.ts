import { registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';

const present = (value: unknown) => value !== undefined && value !== null;

/**
 * For a group of alternative fields (email | phone | username): the request must send exactly one.
 * Put it on every field of the group instead of `@IsOptional()`: a field is validated when it is
 * sent, or when none of the group is (so a missing choice is reported, not silently accepted).
 */
export function OneOf(group: readonly string[]) {
  return (target: object, propertyName: string) => {
    ValidateIf((object: Record<string, unknown>) => present(object[propertyName]) || !group.some((field) => present(object[field])))(target, propertyName);
    registerDecorator({
      name: 'oneOf',
      target: target.constructor,
      propertyName,
      options: { message: `send exactly one of ${group.join(', ')}` },
      validator: {
        validate(_value: unknown, args: ValidationArguments) {
          const object = args.object as Record<string, unknown>;
          return group.filter((field) => present(object[field])).length === 1;
        },
      },
    });
  };
}
