import { publishedChain } from '../publish/chain.js';
import type { Repositories } from '../store/repositories.js';

/**
 * Why `kid` cannot retire yet, or undefined when it can: a retired key leaves the JWKS, so a
 * client that trusts only the keys published after the retirement must find nothing signed by it
 * in what the pointer names (the full snapshot its chain is based on, every delta it lists) nor in
 * the head the registry serves. Activating a key publishes a full snapshot under it, after which
 * the key it replaced is free to retire.
 */
export async function retireBlocker(repos: Repositories, kid: string): Promise<string | undefined> {
  const chain = await publishedChain(repos);
  if (chain?.full.kid === kid) return `Key ${kid} signed full snapshot ${chain.full.sequence}, the base of the published chain; publish a full snapshot under the active key first (activating a key does).`;
  const delta = chain?.deltas.find((d) => d.kid === kid);
  if (delta) return `Key ${kid} signed delta ${delta.sequence} of the published chain; publish a full snapshot under the active key first (activating a key does).`;
  const head = repos.snapshots.head();
  if (head?.kid === kid) return `Key ${kid} signed the published head, sequence ${head.sequence}; publish under the active key first.`;
  return undefined;
}
