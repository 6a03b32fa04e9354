import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type * as z from 'zod';

/**
 * A small react-hook-form resolver for a zod schema. `prepare` turns the form's raw values into the
 * schema's input (e.g. an empty optional field → undefined). A missing value reports "is required",
 * in the contracts' style of messages that follow the field's label.
 */
export function zodResolver<TForm extends FieldValues, S extends z.ZodType>(
  schema: S,
  prepare: (values: TForm) => unknown = (values) => values,
): Resolver<TForm, unknown, z.output<S>> {
  return async (values) => {
    const input = prepare(values);
    const result = await schema.safeParseAsync(input);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const name = issue.path.map(String).join('.');
      if (!name || errors[name]) continue;
      const given = valueAt(input, issue.path);
      const missing = given === undefined || given === null || given === '';
      errors[name] = {
        type: issue.code,
        message: missing ? 'is required' : issue.message,
      };
    }
    return { values: {}, errors: errors as FieldErrors<TForm> };
  };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * "Family name" + "is required" → "Family name is required"; messages that are already sentences
 * (start with a capital) are shown after a colon.
 */
export const fieldMessage = (label: string, message: string): string =>
  /^[a-z]/.test(message) ? `${label} ${message}` : `${label}: ${message}`;
