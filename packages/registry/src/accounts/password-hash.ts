import { type Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended configuration (Password Storage Cheat Sheet): 19 MiB of
 * memory, 2 passes, 1 lane. About 75 ms on this project's 2-core machine; the parameters and a
 * random 16-byte salt travel in the PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`), so raising
 * them later still verifies old hashes.
 */
export const ARGON2_PARAMS = {
  // `Algorithm` is a const enum, which isolated modules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

/** The library compares the derived keys in constant time. A malformed hash is just a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A hash of nothing anyone knows, verified against for unknown (or password-less) accounts so a
 * sign-in takes as long whether or not the address has an account.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`no account ${Math.random()}`);
  return dummy;
}
