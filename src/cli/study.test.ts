// The CLI's study path in-process on a tiny synthetic config (real training and PGD on tfjs WASM): a two-seed
// study prints mean ± sd and one verdict line per claim ("too few seeds" at n = 2), and running it as two cell
// subsets then --merge prints the identical summary. Merge refuses files of different configs or missing cells.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main';

const CONFIG = join(__dirname, 'fixtures', 'tiny-study.json');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { log: (s) => out.push(s), error: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const summaryOf = (text: string) => text.slice(text.indexOf('===== Study summary'));

describe('npm run experiment: study mode', () => {
  let dir = '';
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('--seeds 1,2 prints ± and a verdict per claim; --cell/--of then --merge reproduce it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kd-study-'));
    const base = ['--config', CONFIG, '--backend', 'wasm', '--quiet', '--seeds', '1,2'];
    const full = await cli(...base);
    expect(full.code, full.err).toBe(0);
    const summary = summaryOf(full.out);
    expect(summary).toMatch(/^===== Study summary: 2 seeds \(1, 2\)/);
    // Seven models (teacher + six students), each with mean ± sd of clean and PGD accuracy.
    expect(summary.match(/^(Teacher|S\d: .*?) {2,}\d+\.\d\d ± \d+\.\d\d % +\d+\.\d\d ± \d+\.\d\d %/gm)).toHaveLength(7);
    const claims = summary.split('\n').filter((l) => l.startsWith('Claim '));
    expect(claims.map((l) => l.slice(0, 8))).toEqual(['Claim 1:', 'Claim 2:', 'Claim 3:']);
    for (const l of claims)
      expect(l).toMatch(/Δ [+−]\d+\.\d\d pts \(95 % CI .*\), \d of 2 seeds favour.*Verdict: too few seeds\.$/);
    expect(summary).toMatch(/^S3: Fickle Teacher +S2: Hinton KD +[+−]/m);

    const cells = join(dir, 'out');
    const c0 = await cli(...base, '--cell', '0', '--of', '2', '--json', join(cells, '0.json'));
    const c1 = await cli(...base, '--cell', '1', '--of', '2', '--json', join(cells, '1.json'));
    expect([c0.code, c1.code]).toEqual([0, 0]);
    expect(c0.out).toContain('Cell subset 0 of 2 (round-robin: cell k of 2 goes to subset k mod 2): cells 0');
    const f1 = JSON.parse(await readFile(join(cells, '1.json'), 'utf8'));
    expect(f1).toMatchObject({ format: 'kd-noise-study', study: { seeds: [1, 2] }, part: { cell: 1, of: 2 } });
    expect(f1.attack).toMatchObject({ kind: 'pgd', eps: 0.1, steps: 3, subset: 30 });
    expect(f1.cells.map((c: { seed: number }) => c.seed)).toEqual([2]);
    expect(f1.cells[0].models).toHaveLength(7);

    const merged = await cli('--merge', cells);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toContain('Merged 2 cells from 2 files');
    expect(summaryOf(merged.out)).toBe(summary);

    // A cell from another config is refused, naming the first difference.
    const other = { ...f1, config: { ...f1.config, batchSize: 16 } };
    await writeFile(join(cells, '2.json'), JSON.stringify(other));
    const refused = await cli('--merge', cells);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /2\.json was made from a different config than .*0\.json \(first difference at batchSize: 32 vs 16\)/,
    );
    await rm(join(cells, '2.json'));

    // A missing cell is refused unless --allow-partial.
    await rm(join(cells, '1.json'));
    const partial = await cli('--merge', cells);
    expect(partial.code).toBe(2);
    expect(partial.err).toMatch(/1 of 2 cells missing: #1 \(seed 2\)/);
    const allowed = await cli('--merge', cells, '--allow-partial');
    expect(allowed.code).toBe(0);
    expect(allowed.out).toMatch(/Study summary: 2 seeds/);
    expect(allowed.err).toMatch(/Partial study/);
  });

  it("runs the config file's own study; --seeds / --sweep replace its seeds / sweep", async () => {
    const d = await mkdtemp(join(tmpdir(), 'kd-own-study-'));
    try {
      const fixture = JSON.parse(await readFile(CONFIG, 'utf8'));
      const file = join(d, 'study.json');
      const students = [{ method: 'student-alone' }, { method: 'soft-randomization', sigma: 0.2 }];
      await writeFile(file, JSON.stringify({ ...fixture, students, study: { seeds: [1, 2] } }));
      const own = await cli('--config', file, '--backend', 'wasm', '--quiet');
      expect(own.code, own.err).toBe(0);
      expect(own.out).toMatch(/===== cell 1: seed 2 =====/);
      expect(summaryOf(own.out)).toMatch(/^===== Study summary: 2 seeds \(1, 2\)/);

      const json = join(d, 'out.json');
      const over = await cli(
        '--config',
        file,
        '--backend',
        'wasm',
        '--quiet',
        '--seeds',
        '5-5',
        '--sweep',
        'sigma=0.1',
        '--json',
        json,
      );
      expect(over.code, over.err).toBe(0);
      expect(over.out).not.toMatch(/Study summary/); // one cell: its table only, as a plain run
      const written = JSON.parse(await readFile(json, 'utf8'));
      expect(written.study).toEqual({ seeds: [5], sweep: { param: 'sigma', values: [0.1] } });
      expect(written.config.study).toBeUndefined(); // the study that ran is the file's `study`
      expect(written.cells.map((c: { seed: number; value: number }) => [c.seed, c.value])).toEqual([[5, 0.1]]);
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  });

  it('refuses bad seeds and sweeps before training', async () => {
    expect((await cli('--config', CONFIG, '--seeds', '0,1')).err).toMatch(/positive/);
    expect((await cli('--config', CONFIG, '--seeds', '1,1')).err).toMatch(/distinct/);
    expect((await cli('--config', CONFIG, '--sweep', 'sigma=0,0.1')).err).toMatch(/σ = 0/);
    expect((await cli('--config', CONFIG, '--cell', '2', '--of', '2', '--json', 'x.json')).err).toMatch(/0 to 1/);
    expect((await cli('--config', CONFIG, '--cell', '0', '--of', '2')).code).toBe(2);
  });
});
