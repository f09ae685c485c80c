// Real data sets for Node entries (CLI, benchmarks): official files found in a folder (`--data DIR`, parsed
// with the same code as the browser import), or the shards `npm run data:prepare` wrote to public/data.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findSources } from '../../scripts/data-lib';
import type { RealDatasetName } from '../core/config/schema';
import { importFiles } from '../core/data/formats';
import type { RealDataLoader } from '../core/data/load';
import { loadPrepared, MANIFEST_FILE, parseManifest } from '../core/data/manifest';
import { REAL_DATASET_NAMES, type RealData } from '../core/data/real';

async function fromFolder(id: RealDatasetName, dir: string): Promise<RealData> {
  const found = findSources(dir).find((f) => f.id === id);
  if (!found) throw new Error(`no ${REAL_DATASET_NAMES[id]} files found in ${dir}`);
  const inputs = await Promise.all(
    found.files.map(async (f) => ({ name: f.rel, bytes: new Uint8Array(await readFile(f.path)) })),
  );
  return importFiles(inputs, id === 'cifar-10' ? undefined : { idxAs: id });
}

async function fromPrepared(id: RealDatasetName, dir: string): Promise<RealData> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    throw new Error(
      `${REAL_DATASET_NAMES[id]} is not prepared in ${dir}: pass --data DIR (official files), or run npm run data:prepare -- --from DIR`,
    );
  }
  const entry = parseManifest(text).datasets.find((d) => d.id === id);
  if (!entry) throw new Error(`${join(dir, MANIFEST_FILE)} has no ${id}: run npm run data:prepare -- --from DIR`);
  return loadPrepared(entry, async (p) => new Uint8Array(await readFile(join(dir, p))));
}

export function nodeRealDataLoader(opts: { dataDir?: string; preparedDir: string }): RealDataLoader {
  return (id) => (opts.dataDir ? fromFolder(id, opts.dataDir) : fromPrepared(id, opts.preparedDir));
}
