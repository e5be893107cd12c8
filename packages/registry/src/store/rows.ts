/** SQLite gives NULL for absent optional fields; the model omits them (so JSON round-trips). */
export function withOptional<T extends object>(base: T, optional: Record<string, string | null | undefined>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(optional)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

export function nullable(value: string | undefined): string | null {
  return value === undefined ? null : value;
}
