import type { Context } from 'hono';
import type { z } from 'zod';
import { malformedJson, problem, zodErrors } from './problem.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads the body as JSON (malformed → 400 malformed-json); `bodyLimit` runs before this. */
export async function readJson(c: Context): Promise<Parsed<unknown>> {
  const raw = await c.req.text();
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (e) {
    return { ok: false, response: malformedJson(c, e) };
  }
}

export function validate<S extends z.ZodType>(c: Context, schema: S, value: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, response: problem(c, 'invalid-request', 'The request body does not have the expected shape.', zodErrors(r.error)) };
}

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  const json = await readJson(c);
  return json.ok ? validate(c, schema, json.value) : json;
}
