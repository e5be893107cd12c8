import { createMemoryView, type RegistryView } from '@zjmade/sdk';
import { generateRegistry, readSampleFiles } from '@zjmade/sample-data';

/**
 * Where verdicts come from. More sources (a signed snapshot file, an online registry URL) are
 * added as new variants here, so commands never care which one they got.
 */
export type RegistrySource = { kind: 'sample'; scale?: number; seed?: number } | { kind: 'dir'; dir: string };

export interface LoadedRegistry {
  view: RegistryView;
  /** True when the data is synthetic: every output must say so. */
  sample: boolean;
  /** A one-line description of the source for people. */
  label: string;
}

export interface RegistryFlags {
  registry?: string;
  sample?: boolean;
}

/** The source the flags ask for; the in-memory sample registry when none is given. */
export function sourceFromFlags(flags: RegistryFlags): RegistrySource {
  if (flags.registry !== undefined && flags.sample) {
    throw new UsageError('use either --registry DIR or --sample, not both');
  }
  if (flags.registry !== undefined) return { kind: 'dir', dir: flags.registry };
  return { kind: 'sample' };
}

export class UsageError extends Error {
  override name = 'UsageError';
}

let cachedSample: LoadedRegistry | undefined;

export async function loadRegistry(source: RegistrySource): Promise<LoadedRegistry> {
  switch (source.kind) {
    case 'sample': {
      // Generating takes about a second; tests and repeated calls share one copy.
      if (source.scale === undefined && source.seed === undefined && cachedSample) return cachedSample;
      const data = generateRegistry({ scale: source.scale, seed: source.seed });
      const loaded = {
        view: createMemoryView(data),
        sample: true,
        label: `${data.meta.name}, generated in memory (seed ${data.meta.seed}, as of ${data.meta.generatedAt.slice(0, 10)})`,
      };
      if (source.scale === undefined && source.seed === undefined) cachedSample = loaded;
      return loaded;
    }
    case 'dir': {
      const data = await readSampleFiles(source.dir);
      return {
        view: createMemoryView(data),
        sample: data.meta.sample,
        label: `${data.meta.name} from ${source.dir}`,
      };
    }
  }
}
