// npm run data:prepare -- --from DIR [--only mnist,fashion-mnist,cifar-10] [--out public/data] [--force]
// Turns official MNIST / Fashion-MNIST / CIFAR-10 files found anywhere under DIR into same-origin shards and
// public/data/manifest.json, which the app offers as data sets without an import step.
import { CliError, parseDataFlags, parseOnly, prepare, runMain } from './data-lib';

const USAGE =
  'usage: npm run data:prepare -- --from DIR [--only mnist,fashion-mnist,cifar-10] [--out public/data] [--force]';

runMain('data:prepare', async () => {
  const values = parseDataFlags(USAGE, { from: { type: 'string' } });
  if (!values) return 0;
  if (!values.from) throw new CliError(`--from DIR is required\n${USAGE}`);
  const results = await prepare({
    from: values.from,
    out: values.out,
    only: parseOnly(values.only),
    onlyGiven: values.only !== undefined,
    force: values.force,
  });
  return results.some((r) => r.status === 'failed') ? 1 : 0;
});
