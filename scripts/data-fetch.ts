// npm run data:fetch [-- --only mnist,fashion-mnist,cifar-10] [--cache .data-cache] [--out public/data] [--force]
// Downloads the official archives into a local cache (files already there are kept), then prepares them exactly
// as data:prepare does. Offline it fails within seconds and points to data:prepare.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RealDatasetId } from '../src/core/data/manifest';
import { download, parseDataFlags, parseOnly, prepare, runMain } from './data-lib';

const IDX_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
// The cache folder names matter: data:prepare reads any folder with "fashion" in its path as Fashion-MNIST.
const OFFICIAL: Record<RealDatasetId, { base: string; files: string[] }> = {
  mnist: { base: 'https://storage.googleapis.com/cvdf-datasets/mnist/', files: IDX_FILES },
  'fashion-mnist': { base: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/', files: IDX_FILES },
  'cifar-10': { base: 'https://www.cs.toronto.edu/~kriz/', files: ['cifar-10-binary.tar.gz'] },
};
const USAGE =
  'usage: npm run data:fetch [-- --only mnist,fashion-mnist,cifar-10] [--cache .data-cache] [--out public/data] [--force]';

runMain('data:fetch', async () => {
  const values = parseDataFlags(USAGE, { cache: { type: 'string', default: '.data-cache' } });
  if (!values) return 0;
  const only = parseOnly(values.only);
  for (const id of only) {
    const { base, files } = OFFICIAL[id];
    const dir = join(values.cache, id);
    mkdirSync(dir, { recursive: true });
    const missing = files.filter((f) => !existsSync(join(dir, f)) || statSync(join(dir, f)).size === 0);
    if (missing.length === 0) console.log(`${id}: official files already in ${dir}/`);
    for (const file of missing) {
      console.log(`${id}: downloading ${base}${file}`);
      await download(new URL(file, base), join(dir, file), { label: `${id}/${file}` });
    }
  }
  const results = await prepare({
    from: values.cache,
    out: values.out,
    only,
    onlyGiven: true,
    force: values.force,
    script: 'data:fetch',
  });
  return results.some((r) => r.status === 'failed') ? 1 : 0;
});
