// One cell of a study: load the data for the cell's seed, train every model of its config, attack them with
// the config's PGD and print the per-cell table (what `npm run experiment` always printed per seed).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AttackStats } from '../core/attacks';
import type { ExperimentConfig } from '../core/config/schema';
import { loadDataset } from '../core/data/load';
import { measureRobust, modelRecords, type ModelRecord, type RobustMeasured } from '../core/study';
import type { ModelResult } from '../core/train/events';
import { runExperiment } from '../core/train/trainer';
import { nodeRealDataLoader } from './realData';
import { formatTable } from './table';

export interface Io {
  log(s: string): void;
  error(s: string): void;
}

export interface CellRun {
  seed: number;
  value: number | null;
  seconds: number;
  /** Robust accuracy on `attackCount` test images under the config's PGD (attackLabel). */
  attackCount: number;
  models: ModelRecord[];
  attack: Record<string, AttackStats>;
  results: ModelResult[];
}

export async function runCell(
  cfg: ExperimentConfig,
  value: number | null,
  backend: string,
  io: Io,
  opts: { quiet: boolean; data?: string },
): Promise<CellRun> {
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
    nodeRealDataLoader({ dataDir: opts.data, preparedDir }),
  );
  io.log(
    `${data.name}: ${data.train.count} train / ${data.test.count} test (${data.height}×${data.width}×${data.channels}` +
      `${data.augment && data.augment !== 'none' ? `, augment ${data.augment}` : ''}; loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s) · ` +
      `backend ${backend} · seed ${cfg.seed}`,
  );
  const out = await runExperiment(cfg, data, {
    keepTeachers: true, // attacked below with the students
    listener: {
      onPhaseStart: (p) =>
        io.log(`\n[${p.index + 1}/${p.total}] ${p.label} · ${p.architecture} · ${p.params.toLocaleString()} params`),
      onEpochEnd: (m) =>
        opts.quiet ||
        io.log(
          // The objective differs by method; the clean cross-entropies (train subset, test) compare across models.
          `  epoch ${m.epoch}: objective ${m.trainLoss.toFixed(4)} acc ${(100 * m.trainAcc).toFixed(2)}% · ` +
            (m.cleanTrainLoss !== undefined
              ? `clean train CE ${m.cleanTrainLoss.toFixed(4)} acc ${(100 * m.cleanTrainAcc!).toFixed(2)}% · `
              : '') +
            `test CE ${m.testLoss.toFixed(4)} acc ${(100 * m.testAcc).toFixed(2)}% · ${m.imgPerSec.toFixed(0)} img/s`,
        ),
    },
  });
  // Robustness next to clean accuracy: white-box PGD at the config's ε on a seeded test subset (as the app's worker).
  let measured: RobustMeasured;
  try {
    measured = await measureRobust(cfg, data, out.models);
  } finally {
    for (const m of out.models.values()) m.dispose();
  }
  const attack = measured.stats;
  const attackSeconds = measured.run.seconds;
  const label = `${measured.run.label} acc`;
  const robust = measured.robust;
  io.log(
    `\n${formatTable(out.results, { label, acc: robust })}\n\n${label}: robust accuracy (correct clean and after ` +
      `the attack) on ${measured.run.count} test images, ${attackSeconds.toFixed(1)} s ` +
      `(${((measured.run.count * out.models.size) / attackSeconds).toFixed(0)} img/s over ${out.models.size} models).` +
      `\nTotal ${out.seconds.toFixed(1)} s training on ${backend}.`,
  );
  return {
    seed: cfg.seed,
    value,
    seconds: out.seconds,
    attackCount: measured.run.count,
    models: modelRecords(out.results, robust),
    attack,
    results: out.results,
  };
}
