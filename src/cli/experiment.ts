// `npm run experiment -- [--config FILE.json] [--backend wasm|cpu] [--json OUT.json] [--data DIR]`
// Runs the same engine as the browser worker, in Node, and prints a results table. Real data sets come from
// official files in --data DIR, or else from the shards npm run data:prepare wrote to public/data.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../core/config/defaults';
import { formatErrors, validateConfig } from '../core/config/validate';
import { loadDataset } from '../core/data/load';
import { DivergedError, runExperiment } from '../core/train/trainer';
import { type NodeBackend, useNodeBackend } from './nodeBackend';
import { nodeRealDataLoader } from './realData';
import { formatTable } from './table';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    data: { type: 'string' },
  },
});

async function main(): Promise<number> {
  let input: unknown = defaultConfig();
  if (values.config) {
    try {
      input = JSON.parse(await readFile(values.config, 'utf8'));
    } catch (e) {
      console.error(`Cannot read config ${values.config}: ${(e as Error).message}`);
      return 2;
    }
  }
  const v = validateConfig(input);
  if (!v.ok) {
    console.error(`Invalid config:\n${formatErrors(v.errors)}`);
    return 2;
  }
  const cfg = v.config;
  const backendName = values.backend as NodeBackend;
  if (backendName !== 'wasm' && backendName !== 'cpu') {
    console.error(`--backend must be wasm or cpu in Node (got ${values.backend})`);
    return 2;
  }
  const backend = await useNodeBackend(backendName);
  const preparedDir = join(process.cwd(), 'public', 'data');
  const t0 = performance.now();
  const data = await loadDataset(
    cfg.data,
    cfg.seed,
    async (file) => {
      const path = join(preparedDir, file);
      try {
        return new Uint8Array(await readFile(path));
      } catch {
        throw new Error(`${path} is missing: run "npm run data:embed" first`);
      }
    },
    nodeRealDataLoader({ dataDir: values.data, preparedDir }),
  ).catch((e: Error) => {
    console.error(`Cannot load ${cfg.data.dataset}: ${e.message}`);
    process.exit(2);
  });
  console.log(
    `${data.name}: ${data.train.count} train / ${data.test.count} test (${data.height}×${data.width}×${data.channels}` +
      `${data.augment && data.augment !== 'none' ? `, augment ${data.augment}` : ''}; loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s) · ` +
      `backend ${backend} · seed ${cfg.seed}`,
  );
  try {
    const out = await runExperiment(cfg, data, {
      listener: {
        onPhaseStart: (p) =>
          console.log(
            `\n[${p.index + 1}/${p.total}] ${p.label} · ${p.architecture} · ${p.params.toLocaleString()} params`,
          ),
        onEpochEnd: (m) =>
          values.quiet ||
          console.log(
            `  epoch ${m.epoch}: train loss ${m.trainLoss.toFixed(4)} acc ${(100 * m.trainAcc).toFixed(2)}% · ` +
              `test loss ${m.testLoss.toFixed(4)} acc ${(100 * m.testAcc).toFixed(2)}% · ${m.imgPerSec.toFixed(0)} img/s`,
          ),
      },
    });
    for (const m of out.models.values()) m.dispose();
    console.log(`\n${formatTable(out.results)}\n\nTotal ${out.seconds.toFixed(1)} s on ${backend}.`);
    if (values.json) {
      await writeFile(
        values.json,
        JSON.stringify({ config: cfg, backend, seconds: out.seconds, results: out.results }, null, 2),
      );
      console.log(`Results written to ${values.json}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof DivergedError) {
      console.error(`\n${e.message}`);
      return 3;
    }
    throw e;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
