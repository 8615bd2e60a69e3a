/**
 * Rocket.Chat validates most 6.x/7.x livechat routes with AJV (`coerceTypes: true`, first error only) and
 * throws `Meteor.Error('invalid-params', messages)`. Same library, same options, same message text.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { HttpFailure, MeteorError } from '../errors.ts';

const ajv = new Ajv({ coerceTypes: true, allowUnionTypes: true, strict: false });

export type JsonSchema = Record<string, unknown>;

/** Optional properties of a validated value may also be `null` (the schemas say `nullable: true`). */
export type Nullable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };

/**
 * Compile a schema into a parser: returns the (type-coerced) value, or throws the `[invalid-params]`
 * error Rocket.Chat throws.
 */
export function compile<T>(schema: JsonSchema): (value: unknown) => Nullable<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value: unknown) => {
    if (!validate(value)) {
      const text = (validate.errors ?? []).map((e) => e.message ?? 'invalid').join('\n ');
      throw new MeteorError('invalid-params', text);
    }
    return value as Nullable<T>;
  };
}

/** Shorthands that keep schema literals short and in Rocket.Chat's property order. */
export const str = { type: 'string' } as const;
export const maybeStr = { type: 'string', nullable: true } as const;
export const num = { type: 'number' } as const;
export const maybeNum = { type: 'number', nullable: true } as const;
export const bool = { type: 'boolean' } as const;

export function object(
  properties: Record<string, unknown>,
  required: string[] = [],
  additionalProperties = false,
): JsonSchema {
  return { type: 'object', properties, required, additionalProperties };
}

/**
 * The same parser for Rocket.Chat 8.x typed routes (`API.v1.post(path, { body })`), whose router answers a
 * failed schema with `{ success: false, errorType: 'error-invalid-params', error: '<messages>' }`.
 */
export function compileTyped<T>(schema: JsonSchema): (value: unknown) => Nullable<T> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value: unknown) => {
    if (!validate(value)) {
      const error = (validate.errors ?? []).map((e) => e.message ?? 'invalid').join('\n ');
      throw new HttpFailure(400, { success: false, errorType: 'error-invalid-params', error });
    }
    return value as Nullable<T>;
  };
}
