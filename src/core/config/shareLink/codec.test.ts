// Share links: round trip, link forms and lengths, limits, and 10,000+ random and hostile links.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_INPUT, defaultConfig, datasetPreset } from '../defaults';
import { experimentConfig, METHOD_IDS, type ExperimentConfig } from '../schema';
import { bool, expectCleanNotices, HOSTILE, int, mulberry32, pick, randomConfig, type Rand } from '../testConfigs';
import { validateConfig } from '../validate';
import { toBase64Url } from './bytes';
import { decodeShare, encodeShare, MAX_PAYLOAD_CHARS, packShare, shareDiff, type ShareUi } from './codec';

function randomUi(r: Rand): ShareUi {
  return { classroom: bool(r), hideControls: bool(r), lockControls: bool(r), autostart: bool(r), stepMode: bool(r) };
}

const full = (ui: ShareUi) => ({
  classroom: !!ui.classroom,
  hideControls: !!ui.hideControls,
  lockControls: !!ui.lockControls,
  autostart: !!ui.autostart,
  stepMode: !!ui.stepMode,
});

/** A rich 4-student CIFAR-10 config (everything the UI would change), for link lengths. */
function richConfig(): ExperimentConfig {
  const c = datasetPreset('cifar-10', defaultConfig());
  return experimentConfig.parse({
    ...c,
    seed: 12345,
    teacher: { ...c.teacher, epochs: 10 },
    student: { ...c.student, epochs: 12 },
    students: [
      { method: 'hinton-kd', temperature: 3, alpha: 0.7 },
      { method: 'fickle-teacher', temperature: 6, alpha: 0.8 },
      { method: 'soft-randomization', sigma: 0.05, clip: true, ceOnClean: true },
      { method: 'messy-collaboration', rate: 0.3, target: 'TS' },
    ],
    optimizer: { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 5e-4 },
    schedule: 'step',
    batchSize: 128,
  });
}

describe('share links', () => {
  it('the generator makes valid configs of every kind', () => {
    const seen = new Set<string>();
    for (let i = 1; i <= 300; i++) {
      const c = randomConfig(i);
      expect(validateConfig(c).ok).toBe(true);
      seen.add(c.data.dataset).add(c.teacher.model.family).add(c.optimizer.type);
      c.students.forEach((s) => seen.add(s.method));
    }
    for (const x of ['mnist-10k', 'mnist', 'fashion-mnist', 'cifar-10', 'synthetic', 'cnn', 'wrn', 'sgd', 'adam'])
      expect([...seen]).toContain(x);
    for (const m of METHOD_IDS) expect([...seen]).toContain(m);
  });

  it('round-trips 1,000 random valid configs and UI flags exactly, with no notices', async () => {
    const r = mulberry32(99);
    for (let i = 1; i <= 1000; i++) {
      const c = randomConfig(i);
      const ui = randomUi(r);
      const link = await encodeShare(c, ui);
      expect(link).toMatch(/^#v1j?\.[A-Za-z0-9_-]*(&[a-z]+=1)*$/);
      const d = await decodeShare(link);
      if (d.notices.length || JSON.stringify(d.config) !== JSON.stringify(c)) {
        expect({ seed: i, notices: d.notices, config: d.config }).toEqual({ seed: i, notices: [], config: c });
      }
      expect(d.config).toEqual(c);
      expect(d.ui).toEqual(full(ui));
    }
  });

  it('keeps links short (default < 200 chars, rich 4-student config < 400)', async () => {
    const d = await encodeShare(defaultConfig());
    const dUi = await encodeShare(defaultConfig(), { classroom: true, stepMode: true });
    const rich = await encodeShare(richConfig());
    const richUi = await encodeShare(richConfig(), { classroom: true, hideControls: true, autostart: true });
    console.log(
      `share link lengths: default ${d.length} (${d}), default + 2 flags ${dUi.length}, ` +
        `rich 4-student CIFAR-10 ${rich.length}, rich + 3 flags ${richUi.length}`,
    );
    expect(d.length).toBeLessThan(200);
    expect(rich.length).toBeLessThan(400);
    expect(richUi.length).toBeLessThan(400);
    expect((await decodeShare(rich)).config).toEqual(richConfig());
  });

  it('writes only what differs from the v1 base; a changed student list goes whole', () => {
    expect(shareDiff(defaultConfig())).toEqual({});
    const c = defaultConfig();
    c.seed = 7;
    c.students = [c.students[1]];
    expect(shareDiff(c)).toEqual({ seed: 7, students: [{ method: 'hinton-kd' }] });
    // A different variant carries its discriminator and is diffed against that variant's v1 base.
    const cifar = datasetPreset('cifar-10', defaultConfig());
    expect(shareDiff(cifar)).toMatchObject({ data: { dataset: 'cifar-10' }, teacher: { model: { family: 'wrn' } } });
  });

  it('a v1 link without fields (made before they existed) decodes with defaults, without notices', async () => {
    // Only students, each with only its method; an attack section with only ε.
    const link = await packShare({ students: [{ method: 'custom' }, { M: 'sr' }], attack: { eps: 0.2 } });
    const d = await decodeShare(link);
    expect(d.notices).toEqual([]);
    expect(d.config.students[0]).toEqual(
      experimentConfig.parse({ ...DEFAULT_CONFIG_INPUT, students: [{ method: 'custom' }] }).students[0],
    );
    expect(d.config.students[1]).toMatchObject({ method: 'soft-randomization', sigma: 0.2, temperature: 4 });
    expect(d.config.attack).toEqual({ ...defaultConfig().attack, eps: 0.2 });
    expect({ ...d.config, students: 0, attack: 0 }).toEqual({ ...defaultConfig(), students: 0, attack: 0 });
    // A data set switched with no sizes gets that set's v1 base sizes.
    expect((await decodeShare(await packShare({ data: { dataset: 'cifar-10' } }))).config.data).toEqual({
      dataset: 'cifar-10',
      trainSize: 10000,
      testSize: 2000,
      augment: 'crop-flip',
    });
  });

  it('reads both forms, with or without "#", inside a whole URL, and percent-encoded', async () => {
    const c = randomConfig(5);
    for (const form of ['deflate', 'json'] as const) {
      const link = await packShare(shareDiff(c), { form, ui: { lockControls: true } });
      for (const s of [link, link.slice(1), `https://example.org/kd/?x=1${link}`, encodeURIComponent(link)]) {
        const d = await decodeShare(s);
        expect(d.notices).toEqual([]);
        expect(d.config).toEqual(c);
        expect(d.ui.lockControls).toBe(true);
      }
    }
  });

  it('reads unknown versions and unversioned JSON with a notice', async () => {
    const payload = (await packShare({ seed: 9 }, { form: 'json' })).slice('#v1j.'.length);
    for (const v of ['v2j', 'v0j', 'v99j']) {
      const d = await decodeShare(`#${v}.${payload}`);
      expect(d.config.seed).toBe(9);
      expect(d.notices).toHaveLength(1);
      expect(d.notices[0].message).toMatch(/v(2|0|99)/);
    }
    const j = await decodeShare('#' + encodeURIComponent('{"seed":3,"batchSize":32}'));
    expect(j.config).toMatchObject({ seed: 3, batchSize: 32 });
    expect(j.notices[0].message).toMatch(/without a version/);
  });

  it('refuses long payloads and decompression bombs with a notice', async () => {
    const long = await decodeShare('#v1.' + 'A'.repeat(MAX_PAYLOAD_CHARS + 1));
    expect(long.config).toEqual(defaultConfig());
    expect(long.notices[0].message).toMatch(/too long/);
    // 300 KB of spaces inside valid JSON: a few hundred characters compressed.
    const bytes = new TextEncoder().encode(`{"seed":2,"x":"${' '.repeat(300_000)}"}`);
    const packed = await new Response(
      new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
    ).arrayBuffer();
    const link = '#v1.' + toBase64Url(new Uint8Array(packed));
    expect(link.length).toBeLessThan(2000);
    const d = await decodeShare(link);
    expect(d.config).toEqual(defaultConfig());
    expect(d.notices.map((n) => n.message).join()).toMatch(/200000 bytes/);
  });

  it('survives 10,000+ random and hostile links: never throws, always a valid config, notices when not clean', async () => {
    const r = mulberry32(2024);
    const t0 = performance.now();
    const valid: string[] = [];
    for (let i = 0; i < 200; i++) valid.push(await encodeShare(randomConfig(5000 + i), randomUi(r)));
    const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const randB64 = (n: number) => Array.from({ length: n }, () => pick(r, [...b64])).join('');
    const randChars = (n: number) =>
      Array.from({ length: n }, () =>
        r() < 0.3
          ? pick(r, ['#', '&', '=', '%', '.', 'v', '1', 'j', '{', '}', '"', '\u0000', '\u202e', '\n'])
          : String.fromCharCode(int(r, 0, 0xffff)),
      ).join('');

    const cases: { s: string; dirty: boolean }[] = [];
    for (let i = 0; i < 2000; i++) cases.push({ s: randChars(int(r, 0, 120)), dirty: true });
    for (let i = 0; i < 2000; i++) cases.push({ s: `#v1.${randB64(int(r, 0, 300))}`, dirty: true });
    for (let i = 0; i < 1000; i++) cases.push({ s: `#v1j.${randB64(int(r, 0, 300))}`, dirty: true });
    for (let i = 0; i < 1500; i++) {
      const link = pick(r, valid);
      const head = link.split('&')[0];
      cases.push({ s: head.slice(0, int(r, 0, head.length - 1)), dirty: true });
    }
    for (let i = 0; i < 1500; i++) {
      const chars = [...pick(r, valid)];
      for (let k = int(r, 1, 3); k > 0; k--) chars[int(r, 1, chars.length - 1)] = pick(r, [...b64, '&', '=', '.', '%']);
      cases.push({ s: chars.join(''), dirty: false }); // a flip can land on another valid link
    }
    for (let i = 0; i < 500; i++) {
      const [head, ...flags] = pick(r, valid).split('&');
      const version = pick(r, ['v0', 'v2', 'v99', 'V1', 'v1x', 'v', 'w1', 'v-1', 'v1.5']);
      const body = head.replace(/^#v1j?/, '#' + version);
      cases.push({ s: [body, ...flags].join('&'), dirty: true });
    }
    for (let i = 0; i < 2000; i++) {
      const { patch, text } = hostilePatch(r);
      const form = pick(r, ['deflate', 'json'] as const);
      cases.push({ s: text ? await packText(text, form) : await packShare(patch, { form }), dirty: true });
    }
    cases.push({ s: '', dirty: true }, { s: '#', dirty: true }, { s: 'x'.repeat(100_000), dirty: true });
    cases.push({ s: '#v1j.' + toBase64Url(new TextEncoder().encode('['.repeat(10_000))), dirty: true });
    cases.push({ s: await packText('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), 'deflate'), dirty: true });
    cases.push({ s: await packText(`{"seed":"${'<script>alert(1)</script>'.repeat(4000)}"}`, 'deflate'), dirty: true });
    cases.push({ s: `#v1j.${randB64(30_000)}`, dirty: true }, { s: `#v1.e30&bogus=1&classroom=2`, dirty: true });
    expect(cases.length).toBeGreaterThanOrEqual(10_000);

    let cleanMutations = 0;
    for (const { s, dirty } of cases) {
      const d = await decodeShare(s);
      const ok = validateConfig(d.config).ok;
      if (!ok || (dirty && d.notices.length === 0))
        expect({ s: s.slice(0, 200), notices: d.notices, ok }).toBe('dirty');
      if (!dirty && d.notices.length === 0) cleanMutations++;
      expectCleanNotices(d.notices);
      expect(Object.keys(d.ui).sort()).toEqual(['autostart', 'classroom', 'hideControls', 'lockControls', 'stepMode']);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `fuzz: ${cases.length} links in ${seconds.toFixed(1)} s; ${cleanMutations} char flips gave another clean link`,
    );
    expect(seconds).toBeLessThan(20);
  });
});

/** A link over raw JSON text (for keys JSON.stringify would not write, like "__proto__"). */
async function packText(text: string, form: 'deflate' | 'json'): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  if (form === 'json') return '#v1j.' + toBase64Url(bytes);
  const packed = await new Response(
    new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
  ).arrayBuffer();
  return '#v1.' + toBase64Url(new Uint8Array(packed));
}

/** A valid config's diff with hostile values, unknown keys or prototype keys at random places. */
function hostilePatch(r: Rand): { patch: unknown; text?: string } {
  const c = randomConfig(int(r, 1, 1e6)) as unknown as Record<string, unknown>;
  const kind = int(r, 0, 3);
  if (kind === 3) {
    const json = JSON.stringify(shareDiff(c as unknown as ExperimentConfig));
    const key = pick(r, ['__proto__', 'constructor', 'prototype']);
    const inner = json === '{}' ? '' : ',' + json.slice(1, -1);
    return { patch: null, text: `{"${key}":{"polluted":true,"toString":1}${inner}}` };
  }
  // Walk to a random field of the full config.
  const path: (string | number)[] = [];
  let v: unknown = c;
  while (v !== null && typeof v === 'object' && (path.length === 0 || r() < 0.6)) {
    const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    if (keys.length === 0) break;
    const k = pick(r, keys as (string | number)[]);
    path.push(k);
    v = (v as Record<string | number, unknown>)[k];
  }
  const patch = structuredClone(c);
  let at: Record<string | number, unknown> = patch;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (kind === 2 && at[last] !== null && typeof at[last] === 'object' && !Array.isArray(at[last])) {
    (at[last] as Record<string, unknown>)[pick(r, ['evil', 'onload', 'x'.repeat(500), 'seed2'])] = pick(r, HOSTILE);
  } else if (kind === 1 && !Array.isArray(at)) {
    at[pick(r, ['unknownField', 'TEMPERATURE', 'lR'])] = pick(r, [1, 'a', true]);
  } else {
    at[last] = pick(r, HOSTILE);
  }
  // Partial patches keep the branch to the change (a key added at the top level needs the whole patch).
  return { patch: r() < 0.5 || (kind === 1 && path.length === 1) ? patch : mixDiff(patch, path) };
}

/** Only the branch to the broken field (a partial patch, as a hand-edited link would be). */
function mixDiff(patch: Record<string, unknown>, path: (string | number)[]): unknown {
  const k = path[0];
  return { [k]: patch[k as string] };
}
