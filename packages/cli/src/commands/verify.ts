import { type BusinessDate, isBusinessDate, parseListingUrl, toCstIso, type Verdict, verifyListing } from '@zjmade/sdk';
import { formatTable, palette } from '../format-verdicts.js';
import { type LoadedRegistry, loadRegistry, type RegistrySource, UsageError } from '../load-registry.js';

export interface VerifyCommandOptions {
  json?: boolean;
  /** Business date or ISO instant to answer for; default now. */
  at?: string;
  /** Listing title, for claim detection (applies to every input). */
  text?: string;
  source: RegistrySource;
  colour?: boolean;
  /** Registry already loaded (tests, repeated calls). */
  registry?: LoadedRegistry;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function checkAt(at: string | undefined): string | undefined {
  if (at === undefined) return undefined;
  if (isBusinessDate(at as BusinessDate) || (ISO_INSTANT.test(at) && !Number.isNaN(Date.parse(at)))) return at;
  throw new UsageError(`--at must be a date (YYYY-MM-DD) or an ISO time with offset, got '${at}'`);
}

/**
 * `zjmade verify <url|share-text>...`: one verdict per input. Inputs that are not marketplace
 * listings get a message each and make the exit code 2; the others are still verified.
 */
export async function runVerify(inputs: readonly string[], opts: VerifyCommandOptions): Promise<CommandResult> {
  let at: string | undefined;
  try {
    if (inputs.length === 0) throw new UsageError('give at least one listing URL or share text');
    at = checkAt(opts.at);
  } catch (error) {
    return { exitCode: 2, stdout: '', stderr: `zjmade verify: ${(error as Error).message}\n` };
  }
  const registry = opts.registry ?? (await loadRegistry(opts.source));
  const verdicts: Verdict[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    if (!parseListingUrl(input)) errors.push(`not a marketplace listing URL: ${input}`);
    verdicts.push(verifyListing(input, registry.view, { ...(at ? { at } : {}), ...(opts.text ? { text: opts.text } : {}) }));
  }
  const c = palette(opts.colour ?? false);
  let stdout: string;
  if (opts.json) {
    stdout = `${JSON.stringify(verdicts, null, 2)}\n`;
  } else {
    const listed = verdicts.filter((v) => v.ref !== null);
    const banner = registry.sample
      ? c.warn(`SAMPLE DATA — synthetic registry, not the official 浙江制造 register (${registry.label})`)
      : c.dim(`registry: ${registry.label}`);
    const when = c.dim(`at ${at ?? `${toCstIso(Date.now())} (now)`}`);
    stdout = `${banner}\n${when}\n${listed.length ? `${formatTable(listed, c)}\n` : ''}`;
  }
  const stderr = errors.map((e) => `zjmade verify: ${e}\n`).join('');
  // A sample registry must say so even to scripts: the JSON carries source.sample, stderr says it once.
  const note = opts.json && registry.sample ? 'zjmade verify: SAMPLE DATA (synthetic registry)\n' : '';
  return { exitCode: errors.length ? 2 : 0, stdout, stderr: note + stderr };
}
