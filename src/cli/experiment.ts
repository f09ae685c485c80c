// `npm run experiment -- [--config FILE.json] [--backend wasm|cpu] [--json OUT.json] [--data DIR] [--seeds 1,2,3]`
// Runs the same engine as the browser worker, in Node, and prints a results table with clean accuracy and PGD
// robust accuracy at the config's ε. Real data sets come from official files in --data DIR, or else from the
// shards npm run data:prepare wrote to public/data. --seeds repeats the run per seed and adds mean ± sd.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { attackLabel, evalSubset, pgdOf, robustAccuracy, type RobustAccuracy } from '../core/attacks';
import { defaultConfig } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/schema';
import { formatErrors, validateConfig } from '../core/config/validate';
import { loadDataset } from '../core/data/load';
import type { ModelResult } from '../core/train/events';
import { DivergedError, runExperiment } from '../core/train/trainer';
import { type NodeBackend, useNodeBackend } from './nodeBackend';
import { nodeRealDataLoader } from './realData';
import { formatSeedSummary, formatTable } from './table';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    data: { type: 'string' },
    seeds: { type: 'string' },
  },
});

interface SeedRun {
  seed: number;
  seconds: number;
  results: ModelResult[];
  robust: RobustAccuracy;
}

async function runSeed(cfg: ExperimentConfig, backend: string): Promise<SeedRun> {
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
  );
  console.log(
    `${data.name}: ${data.train.count} train / ${data.test.count} test (${data.height}×${data.width}×${data.channels}` +
      `${data.augment && data.augment !== 'none' ? `, augment ${data.augment}` : ''}; loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s) · ` +
      `backend ${backend} · seed ${cfg.seed}`,
  );
  const out = await runExperiment(cfg, data, {
    keepTeachers: true, // attacked below with the students
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
  // Robustness next to clean accuracy: white-box PGD at the config's ε on a seeded test subset.
  const spec = pgdOf(cfg.attack);
  const subset = evalSubset(data.test, cfg.attack.subset, cfg.seed);
  const t1 = performance.now();
  let robust: RobustAccuracy;
  try {
    robust = await robustAccuracy(out.models, data, data.test, subset, spec, { seed: cfg.seed });
  } finally {
    for (const m of out.models.values()) m.dispose();
  }
  const attackSeconds = (performance.now() - t1) / 1000;
  const label = `${attackLabel(spec)} acc`;
  console.log(
    `\n${formatTable(out.results, { label, acc: robustOf(robust) })}\n\n${label}: robust accuracy (correct clean and after ` +
      `the attack) on ${subset.length} test images, ${attackSeconds.toFixed(1)} s ` +
      `(${((subset.length * out.models.size) / attackSeconds).toFixed(0)} img/s over ${out.models.size} models).` +
      `\nTotal ${out.seconds.toFixed(1)} s training on ${backend}.`,
  );
  return { seed: cfg.seed, seconds: out.seconds, results: out.results, robust };
}

const robustOf = (r: RobustAccuracy) => Object.fromEntries(Object.entries(r.models).map(([id, s]) => [id, s.robust]));

function parseSeeds(s: string | undefined, fallback: number): number[] | null {
  if (s === undefined) return [fallback];
  const seeds = s.split(',').map((x) => Number(x.trim()));
  return seeds.length && seeds.every((n) => Number.isInteger(n) && n >= 1 && n < 2 ** 31) ? seeds : null;
}

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
  const seeds = parseSeeds(values.seeds, v.config.seed);
  if (!seeds) {
    console.error(`--seeds must be a comma-separated list of positive integers (got ${values.seeds})`);
    return 2;
  }
  const backendName = values.backend as NodeBackend;
  if (backendName !== 'wasm' && backendName !== 'cpu') {
    console.error(`--backend must be wasm or cpu in Node (got ${values.backend})`);
    return 2;
  }
  const backend = await useNodeBackend(backendName);
  const runs: SeedRun[] = [];
  try {
    for (const seed of seeds) {
      if (seeds.length > 1) console.log(`\n===== seed ${seed} =====`);
      runs.push(await runSeed({ ...v.config, seed }, backend));
    }
  } catch (e) {
    if (e instanceof DivergedError) {
      console.error(`\n${e.message}`);
      return 3;
    }
    if (/not available|not prepared|no .* files found|has no/.test((e as Error).message)) {
      console.error(`Cannot load ${v.config.data.dataset}: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
  if (runs.length > 1) {
    const label = `${attackLabel(pgdOf(v.config.attack))} acc`;
    console.log(
      `\nMean ± sd over seeds ${seeds.join(', ')}:\n${formatSeedSummary(
        runs.map((r) => ({ results: r.results, robust: robustOf(r.robust) })),
        label,
      )}`,
    );
  }
  if (values.json) {
    const config = { ...v.config, seed: seeds[0] };
    await writeFile(values.json, JSON.stringify({ config, seeds, backend, runs }, null, 2));
    console.log(`Results written to ${values.json}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
