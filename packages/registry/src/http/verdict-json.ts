import type { Verdict, VerdictEvidence } from '@zjmade/sdk';

/**
 * The `/v1/verify` response body, byte for byte what `JSON.stringify({ results, snapshot })` gives,
 * written as UTF-8 from cached fragments. A 60-verdict answer is ~70 KB, mostly evidence; making
 * it as one JS string and letting Node encode it cost more than computing the verdicts. The
 * entities a verdict's evidence points to (store, enterprise, evaluation, standard, sanction) and
 * its `source` are the snapshot view's own immutable objects, shared by every verdict naming them,
 * so each is encoded once per object and reused while the view lives (the WeakMap lets a replaced
 * snapshot's fragments go with it). Only the small per-verdict parts are encoded per request.
 */
const fragments = new WeakMap<object, Buffer>();

export function fragment(value: object): Buffer {
  let b = fragments.get(value);
  if (b === undefined) {
    b = Buffer.from(JSON.stringify(value), 'utf8');
    fragments.set(value, b);
  }
  return b;
}

/** An output buffer reused across responses; `take()` copies the finished body out of it. */
class Out {
  private buf = Buffer.allocUnsafe(256 * 1024);
  private pos = 0;
  /** Text not yet encoded: small parts are joined first, then encoded in one call. */
  private pending = '';

  text(s: string): void {
    this.pending += s;
  }

  bytes(b: Buffer): void {
    this.flush();
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  take(): Buffer {
    this.flush();
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    this.pos = 0;
    return out;
  }

  private flush(): void {
    if (!this.pending) return;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.room(this.pending.length * 3);
    this.pos += this.buf.write(this.pending, this.pos, 'utf8');
    this.pending = '';
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

export const str = JSON.stringify;

/**
 * A `verified` verdict's evidence object is itself shared, per binding, by the SDK (frozen), so it
 * is encoded whole. Bindings are many, so these are kept in a map that is dropped and started
 * afresh past a bound, which keeps them to a few megabytes.
 */
let sharedEvidence = new WeakMap<object, Buffer>();
let sharedCount = 0;
const MAX_SHARED = 20_000;

function writeEvidence(out: Out, evidence: VerdictEvidence): void {
  const whole = sharedEvidence.get(evidence);
  if (whole !== undefined) {
    out.bytes(whole);
    return;
  }
  if (Object.isFrozen(evidence)) {
    if (++sharedCount > MAX_SHARED) {
      sharedEvidence = new WeakMap();
      sharedCount = 1;
    }
    const b = Buffer.from(JSON.stringify(evidence), 'utf8');
    sharedEvidence.set(evidence, b);
    out.bytes(b);
    return;
  }
  let first = true;
  for (const k in evidence) {
    const v = (evidence as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out.text(`${first ? '{' : ','}${str(k)}:`);
    if (typeof v === 'object' && v !== null) out.bytes(fragment(v));
    else out.text(str(v));
    first = false;
  }
  out.text(first ? '{}' : '}');
}

/** The property order of the SDK's verdicts (other than `unknown` ones), for the fast path below. */
const USUAL = ['key', 'ref', 'status', 'claim', 'claims', 'evidence', 'at', 'source'];

function isUsual(v: Verdict): boolean {
  let i = 0;
  for (const k in v) {
    if (k !== USUAL[i++] || (v as unknown as Record<string, unknown>)[k] === undefined) return false;
  }
  return i === USUAL.length;
}

// Verdicts of one request share their `at` (and always their source): `,"at":…,"source":…}` is
// encoded once per distinct pair in a row.
let tailAt = '';
let tailSource: object | undefined;
let tailBytes = Buffer.alloc(0);

function tail(at: string, source: object): Buffer {
  if (at !== tailAt || source !== tailSource) {
    tailBytes = Buffer.from(`,"at":${str(at)},"source":${fragment(source).toString('utf8')}}`, 'utf8');
    tailAt = at;
    tailSource = source;
  }
  return tailBytes;
}

/** One verdict; properties in the verdict's own order, as JSON.stringify would write them. */
function writeVerdict(out: Out, v: Verdict, withEvidence: boolean): void {
  if (isUsual(v)) {
    out.text(
      `{"key":${str(v.key)},"ref":${str(v.ref)},"status":${str(v.status)},"claim":${str(v.claim)},"claims":${v.claims.length ? str(v.claims) : '[]'},"evidence":`,
    );
    if (withEvidence) writeEvidence(out, v.evidence);
    else out.text('{}');
    out.bytes(tail(v.at, v.source));
    return;
  }
  let first = true;
  for (const k in v) {
    const x = (v as unknown as Record<string, unknown>)[k];
    if (x === undefined) continue;
    out.text(`${first ? '{"' : ',"'}${k}":`);
    first = false;
    if (k === 'evidence') {
      if (withEvidence) writeEvidence(out, x as VerdictEvidence);
      else out.text('{}');
    } else if (k === 'source') out.bytes(fragment(x as object));
    else out.text(str(x));
  }
  out.text(first ? '{}' : '}');
}

const out = new Out();

/**
 * `JSON.stringify({ results: verdicts, snapshot })` as UTF-8; `snapshotJson` is already JSON.
 * With `withEvidence: false` every verdict's `evidence` is written as `{}` (still a valid
 * `VerdictEvidence`, whose fields are all optional): for callers that only show the status.
 */
export function verifyResponseBytes(verdicts: readonly Verdict[], snapshotJson: string, withEvidence = true): Buffer {
  out.text('{"results":[');
  for (let i = 0; i < verdicts.length; i++) {
    if (i) out.text(',');
    writeVerdict(out, verdicts[i]!, withEvidence);
  }
  out.text(`],"snapshot":${snapshotJson}}`);
  return out.take();
}
