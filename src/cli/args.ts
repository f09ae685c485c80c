// Command-line options of `npm run experiment` and their checks (which combinations make sense).
import { parseArgs } from 'node:util';
import { parseSeeds, parseSweep, type Sweep } from '../core/study';
import type { NodeBackend } from './nodeBackend';

export interface CliOptions {
  config?: string;
  backend: NodeBackend;
  json?: string;
  csv?: string;
  quiet: boolean;
  data?: string;
  /** Absent: the seeds of the config's `study`, else its own seed. */
  seeds?: number[];
  /** Absent: the sweep of the config's `study`, if any. */
  sweep?: Sweep;
  /** Scale-out: run cell subset `cell` of `of` only (round-robin). */
  part?: { cell: number; of: number };
  merge?: string;
  allowPartial: boolean;
  /** Time the device first (the app's speed probe) and print the estimate, then the wall time against it. */
  estimate: boolean;
}

export const USAGE = `npm run experiment -- [--config FILE.json] [--backend wasm|cpu] [--seeds 1,2,3 | 1-10 | 3]
    [--sweep sigma=0.05,0.1,0.2] [--cell I --of N] [--json OUT.json] [--csv PREFIX] [--data DIR] [--quiet] [--estimate]
npm run experiment -- --merge DIR [--allow-partial] [--csv PREFIX]`;

const whole = (s: string) => (/^\d+$/.test(s) ? Number(s) : NaN);

export function parseCli(argv: string[]): { ok: true; options: CliOptions } | { ok: false; error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        backend: { type: 'string', default: 'wasm' },
        json: { type: 'string' },
        csv: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        data: { type: 'string' },
        seeds: { type: 'string' },
        sweep: { type: 'string' },
        cell: { type: 'string' },
        of: { type: 'string' },
        merge: { type: 'string' },
        'allow-partial': { type: 'boolean', default: false },
        estimate: { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const fail = (error: string) => ({ ok: false as const, error });
  const backend = values.backend as NodeBackend;
  if (backend !== 'wasm' && backend !== 'cpu') return fail(`--backend must be wasm or cpu in Node (got ${backend})`);
  const options: CliOptions = {
    backend,
    quiet: !!values.quiet,
    allowPartial: !!values['allow-partial'],
    estimate: !!values.estimate,
    config: values.config as string | undefined,
    json: values.json as string | undefined,
    csv: values.csv as string | undefined,
    data: values.data as string | undefined,
    merge: values.merge as string | undefined,
  };
  if (options.merge) {
    const clash = ['config', 'seeds', 'sweep', 'cell', 'of', 'json'].filter((k) => values[k] !== undefined);
    if (clash.length) return fail(`--merge takes the study from its files: drop --${clash.join(', --')}`);
    return { ok: true, options };
  }
  if (values.seeds !== undefined) {
    const s = parseSeeds(values.seeds as string);
    if (!s.ok) return fail(`--seeds: ${s.error}`);
    options.seeds = s.value;
  }
  if (values.sweep !== undefined) {
    const s = parseSweep(values.sweep as string);
    if (!s.ok) return fail(`--sweep: ${s.error}`);
    options.sweep = s.value;
  }
  if ((values.cell === undefined) !== (values.of === undefined)) return fail('--cell and --of go together');
  if (values.cell !== undefined) {
    const cell = whole(values.cell as string);
    const of = whole(values.of as string);
    if (!(of >= 1)) return fail(`--of must be a positive whole number (got ${values.of})`);
    if (!(cell >= 0 && cell < of)) return fail(`--cell must be 0 to ${of - 1} (got ${values.cell})`);
    if (!options.json) return fail('--cell needs --json OUT.json (the file --merge reads)');
    options.part = { cell, of };
  }
  return { ok: true, options };
}
