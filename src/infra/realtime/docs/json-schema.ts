/** An OpenAPI 3.0 Schema Object, as @nestjs/swagger writes them. */
export type OpenApiSchema = Record<string, unknown>;

const NULL = { type: 'null' };

/**
 * OpenAPI 3.0 schemas → JSON Schema (AsyncAPI's default schema format, draft-07): `nullable` becomes
 * a `null` type (or a `oneOf` with null around a reference), `example` becomes `examples`.
 */
export function toJsonSchema(schema: OpenApiSchema): OpenApiSchema {
  const { nullable, example, ...rest } = schema;
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(rest)) out[key] = convertValue(key, value);
  if (example !== undefined) out.examples = [example];
  if (nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  const { description, ...shape } = out;
  const single = Array.isArray(shape.allOf) && shape.allOf.length === 1 && Object.keys(shape).length === 1 ? (shape.allOf[0] as OpenApiSchema) : shape;
  return { ...(description !== undefined ? { description } : {}), oneOf: [single, NULL] };
}

function convertValue(key: string, value: unknown): unknown {
  if (key === 'properties' && value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, OpenApiSchema>).map(([name, schema]) => [name, toJsonSchema(schema)]));
  }
  if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') return toJsonSchema(value as OpenApiSchema);
  if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) return value.map((schema) => toJsonSchema(schema as OpenApiSchema));
  return value;
}
