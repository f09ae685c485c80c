// `npm run experiment`: one run, a study over seeds (and one swept hyperparameter), one cell subset of a study
// for a scheduler (--cell I --of N --json), or the merge of such files (--merge DIR). See docs/study.md.
import { estimateStudy } from '../core/study/estimate';
import { inputShapeOf } from '../core/data/shape';
import { scaledThroughput } from '../core/train/estimate';
import { probeSpeed } from '../core/train/speedProbe';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { attackLabel, pgdOf } from '../core/attacks';
import { defaultConfig } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/schema';
import { formatErrors, validateConfig } from '../core/config/validate';
import {
  cellConfig,
  cellsOfPart,
  checkStudy,
  perSeedRows,
  studyCells,
  studyOf,
  summarizeStudy,
  summaryRows,
  sweepValueText,
  toCsv,
  type StudySpec,
} from '../core/study';
import { DivergedError } from '../core/train/trainer';
import { parseCli, USAGE, type CliOptions } from './args';
import { useNodeBackend } from './nodeBackend';
import { runCell, type CellRun, type Io } from './runCell';
import { mergeStudyFiles, STUDY_FORMAT, type StudyFile } from './studyFile';
import { formatStudySummary } from './studyPrint';

export async function main(argv: string[], io: Io = console): Promise<number> {
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    io.error(`${parsed.error}\nUsage:\n${USAGE}`);
    return 2;
  }
  const o = parsed.options;
  try {
    return o.merge ? await merge(o, io) : await run(o, io);
  } catch (e) {
    if (e instanceof UserError) {
      io.error(e.message);
      return 2;
    }
    throw e;
  }
}

class UserError extends Error {}

async function run(o: CliOptions, io: Io): Promise<number> {
  let input: unknown = defaultConfig();
  if (o.config) {
    try {
      input = JSON.parse(await readFile(o.config, 'utf8'));
    } catch (e) {
      throw new UserError(`Cannot read config ${o.config}: ${(e as Error).message}`);
    }
  }
  const v = validateConfig(input);
  if (!v.ok) throw new UserError(`Invalid config:\n${formatErrors(v.errors)}`);
  // The config file's study (or its one seed), --seeds and --sweep replacing its seeds and its sweep.
  const own = studyOf(v.config);
  const sweep = o.sweep ?? own.sweep;
  const study: StudySpec = { seeds: o.seeds ?? own.seeds, ...(sweep ? { sweep } : {}) };
  // The base config without its study: the study that ran is `study` (and the file's `study` field).
  const base: ExperimentConfig = { ...v.config };
  delete base.study;
  const bad = checkStudy(base, study);
  if (bad) throw new UserError(bad);
  const all = studyCells(study);
  const mine = o.part ? cellsOfPart(all, o.part.cell, o.part.of) : all;
  if (o.part)
    io.log(
      `Cell subset ${o.part.cell} of ${o.part.of} (round-robin: cell k of ${all.length} goes to subset k mod ${o.part.of}): ` +
        (mine.length ? `cells ${mine.map((c) => c.index).join(', ')}` : 'no cells (more subsets than cells)'),
    );
  const backend = await useNodeBackend(o.backend);
  const estimate = o.estimate ? await estimateHere(base, study, mine.length / all.length, io) : null;
  const t0 = performance.now();
  const runs: CellRun[] = [];
  try {
    for (const c of mine) {
      const cc = cellConfig(base, c, study.sweep);
      if (!cc.ok) throw new UserError(cc.error);
      const v2 = sweepValueText(study.sweep ?? null, c.value);
      if (all.length > 1) io.log(`\n===== cell ${c.index}: seed ${c.seed}${v2 ? ` · ${v2}` : ''} =====`);
      runs.push(await runCell(cc.config, c.value, backend, io, { quiet: o.quiet, data: o.data }));
    }
  } catch (e) {
    if (e instanceof DivergedError) {
      io.error(`\n${e.message}`);
      return 3;
    }
    if (/not available|not prepared|no .* files found|has no/.test((e as Error).message))
      throw new UserError(`Cannot load ${v.config.data.dataset}: ${(e as Error).message}`);
    throw e;
  }
  if (estimate !== null) {
    const wall = (performance.now() - t0) / 1000;
    io.log(
      `\nWall time ${(wall / 60).toFixed(1)} min against the estimate of ${(estimate / 60).toFixed(1)} min ` +
        `(wall / estimate = ${(wall / estimate).toFixed(2)}).`,
    );
  }
  if (o.json) {
    const file: StudyFile = {
      format: STUDY_FORMAT,
      version: 1,
      config: base,
      study,
      part: o.part ? { ...o.part, assignment: 'round-robin' } : null,
      attack: { ...pgdOf(v.config.attack), subset: v.config.attack.subset },
      backend,
      cells: runs,
    };
    await mkdir(dirname(o.json), { recursive: true });
    await writeFile(o.json, JSON.stringify(file, null, 2));
    io.log(`\nResults written to ${o.json}`);
  }
  if (o.part) {
    io.log(`Merge the cell files with: npm run experiment -- --merge ${o.json ? dirname(o.json) : 'DIR'}`);
    return 0;
  }
  // One run of one config prints its table only, as before; a study adds the summary.
  if (all.length > 1) await printStudy(base, study, runs, o, io);
  return 0;
}

async function merge(o: CliOptions, io: Io): Promise<number> {
  let m;
  try {
    m = await mergeStudyFiles(o.merge!, o.allowPartial);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  io.log(`Merged ${m.cells.length} cells from ${m.files.length} files in ${o.merge}.`);
  for (const w of m.warnings) io.error(`Warning: ${w}`);
  await printStudy(m.config, m.study, m.cells, o, io);
  return 0;
}

async function printStudy(cfg: ExperimentConfig, study: StudySpec, runs: CellRun[], o: CliOptions, io: Io) {
  const summary = summarizeStudy(cfg, study, runs);
  const count = runs[0]?.attackCount ?? cfg.attack.subset;
  io.log(`\n${formatStudySummary(summary, `${attackLabel(pgdOf(cfg.attack))} on ${count} test images`)}`);
  if (o.csv) {
    await mkdir(dirname(o.csv), { recursive: true });
    await writeFile(`${o.csv}-per-seed.csv`, toCsv(perSeedRows(summary)));
    await writeFile(`${o.csv}-summary.csv`, toCsv(summaryRows(summary)));
    io.log(`CSV written to ${o.csv}-per-seed.csv and ${o.csv}-summary.csv`);
  }
}

/** The app's estimate on this machine: the speed probe, then estimateStudy (for the share of cells this process runs). */
async function estimateHere(base: ExperimentConfig, study: StudySpec, share: number, io: Io): Promise<number | null> {
  const probe = await probeSpeed({ seconds: 2 });
  if (!probe) return null;
  const cfg = { ...base, study };
  const e = estimateStudy(cfg, scaledThroughput(probe.imgPerSec, inputShapeOf(cfg.data)));
  const seconds = e.seconds * share;
  io.log(
    `Estimate: ${(seconds / 60).toFixed(1)} min for ${Math.round(e.cells * share)} of ${e.cells} runs ` +
      `(speed probe: the default student at ${probe.imgPerSec.toFixed(0)} img/s here; PGD after training ` +
      `${((e.robust * share) / 60).toFixed(1)} min of it).`,
  );
  return seconds;
}
