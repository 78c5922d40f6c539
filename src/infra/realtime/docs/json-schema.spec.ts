import { toJsonSchema } from './json-schema.js';

describe('toJsonSchema', () => {
  it('turns nullable scalars, enums and references into JSON Schema nulls, and example into examples', () => {
    expect(
      toJsonSchema({
        type: 'object',
        required: ['a'],
        properties: {
          a: { type: 'string', nullable: true, example: 'x' },
          b: { type: 'string', enum: ['A', 'B'], nullable: true },
          c: { nullable: true, description: 'Who', allOf: [{ $ref: '#/components/schemas/Sender' }] },
          d: { type: 'array', items: { type: 'integer', nullable: true } },
          e: { $ref: '#/components/schemas/Plain' },
        },
      }),
    ).toEqual({
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: ['string', 'null'], examples: ['x'] },
        b: { type: ['string', 'null'], enum: ['A', 'B', null] },
        c: { description: 'Who', oneOf: [{ $ref: '#/components/schemas/Sender' }, { type: 'null' }] },
        d: { type: 'array', items: { type: ['integer', 'null'] } },
        e: { $ref: '#/components/schemas/Plain' },
      },
    });
  });
});
