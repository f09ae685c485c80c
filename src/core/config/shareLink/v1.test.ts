// The frozen v1 format: its tables are pinned here as literals (a change to them changes what old links mean,
// so it needs a v2), and links made by the first version still decode to exactly the configs they were made from.
import { describe, expect, it } from 'vitest';
import { repairConfig, schemaFieldNames } from '../repair';
import { METHOD_IDS, type ExperimentConfig } from '../schema';
import { defaultConfig } from '../defaults';
import { decodeShare, encodeShare, shareDiff } from './codec';
import { V1_FROZEN_BASE, V1_FROZEN_VARIANTS, V1_SHORT_KEYS, V1_SHORT_METHODS, V1_VARIANT_KEY } from './v1';

const full = (ui: { classroom?: boolean; autostart?: boolean }) => ({
  classroom: !!ui.classroom,
  hideControls: false,
  lockControls: false,
  autostart: !!ui.autostart,
  stepMode: false,
});

describe('v1 format (frozen)', () => {
  it('V1_FROZEN_BASE is exactly the v1 base, deep-frozen', () => {
    expect(JSON.stringify(V1_FROZEN_BASE)).toBe(
      '{"version":1,"seed":1,"backend":"auto","data":{"dataset":"mnist-10k","trainSize":8000,"testSize":2000},' +
        '"teacher":{"model":{"family":"cnn","channels":[32,64],"hidden":256,"dropout":0.4},"epochs":4},' +
        '"student":{"model":{"family":"cnn","channels":[16,32],"hidden":64,"dropout":0},"epochs":4},' +
        '"students":[{"method":"student-alone"},{"method":"hinton-kd","temperature":4,"alpha":0.9},' +
        '{"method":"fickle-teacher","temperature":4,"alpha":0.9},' +
        '{"method":"soft-randomization","temperature":4,"alpha":0.9,"sigma":0.2,"clip":false,"ceOnClean":false}],' +
        '"optimizer":{"type":"adam","lr":0.002,"weightDecay":0},"schedule":"cosine","batchSize":64,' +
        '"attack":{"eps":0.1,"stepSize":0.025,"steps":20,"subset":500}}',
    );
    expect(Object.isFrozen(V1_FROZEN_BASE.teacher.model.channels)).toBe(true);
    expect(Object.isFrozen(V1_FROZEN_VARIANTS.students.custom)).toBe(true);
    expect(() => ((V1_FROZEN_BASE.students[1] as { alpha: number }).alpha = 0.5)).toThrow();
  });

  it('the variant bases and short names are exactly those of v1', () => {
    expect(JSON.stringify(V1_FROZEN_VARIANTS)).toBe(
      '{"data":{"mnist-10k":{"dataset":"mnist-10k","trainSize":8000,"testSize":2000},' +
        '"mnist":{"dataset":"mnist","trainSize":20000,"testSize":2000,"augment":"none"},' +
        '"fashion-mnist":{"dataset":"fashion-mnist","trainSize":20000,"testSize":2000,"augment":"none"},' +
        '"cifar-10":{"dataset":"cifar-10","trainSize":10000,"testSize":2000,"augment":"crop-flip"},' +
        '"synthetic":{"dataset":"synthetic","trainSize":512,"testSize":128,"size":12,"channels":1}},' +
        '"teacher.model":{"cnn":{"family":"cnn","channels":[32,64],"hidden":256,"dropout":0.4},' +
        '"wrn":{"family":"wrn","depth":16,"widen":1,"dropout":0.3}},' +
        '"student.model":{"cnn":{"family":"cnn","channels":[16,32],"hidden":64,"dropout":0},' +
        '"wrn":{"family":"wrn","depth":10,"widen":1,"dropout":0}},' +
        '"optimizer":{"adam":{"type":"adam","lr":0.002,"weightDecay":0},' +
        '"sgd":{"type":"sgd","lr":0.05,"momentum":0.9,"weightDecay":0.0005}},' +
        '"students":{"student-alone":{"method":"student-alone"},' +
        '"gaussian-augmentation":{"method":"gaussian-augmentation","sigma":0.2,"clip":false},' +
        '"hinton-kd":{"method":"hinton-kd","temperature":4,"alpha":0.9},' +
        '"fickle-teacher":{"method":"fickle-teacher","temperature":4,"alpha":0.9},' +
        '"soft-randomization":{"method":"soft-randomization","temperature":4,"alpha":0.9,"sigma":0.2,"clip":false,' +
        '"ceOnClean":false},' +
        '"messy-collaboration":{"method":"messy-collaboration","temperature":4,"alpha":0.9,"rate":0.2,"target":"S"},' +
        '"custom":{"method":"custom","kd":true,"temperature":4,"alpha":0.9,"fickle":false,"inputNoise":"none",' +
        '"sigma":0.2,"clip":false,"ceOnClean":false,"studentLabelNoise":0,"teacherLabelNoise":0}}}',
    );
    expect(V1_VARIANT_KEY).toEqual({
      data: 'dataset',
      'teacher.model': 'family',
      'student.model': 'family',
      optimizer: 'type',
      students: 'method',
    });
    expect(
      Object.entries(V1_SHORT_KEYS)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    ).toBe(
      'version=v seed=s backend=b data=d dataset=n trainSize=tr testSize=te augment=au size=sz channels=ch ' +
        'teacher=T student=S model=m family=f hidden=h dropout=dr depth=dp widen=w epochs=e students=ss method=M ' +
        'temperature=t alpha=a sigma=sg clip=c ceOnClean=cc rate=r target=tg fickle=fk inputNoise=in ' +
        'studentLabelNoise=sl teacherLabelNoise=tl optimizer=o type=y momentum=mo weightDecay=wd schedule=sc ' +
        'batchSize=bs attack=at eps=ep stepSize=st steps=sn subset=sb',
    );
    expect(V1_SHORT_METHODS).toEqual({
      'student-alone': 'sa',
      'gaussian-augmentation': 'ga',
      'hinton-kd': 'hk',
      'fickle-teacher': 'ft',
      'soft-randomization': 'sr',
      'messy-collaboration': 'mc',
      custom: 'cu',
    });
  });

  it('decodes a pinned v1 link made by the first version (future versions must keep reading it)', async () => {
    const d = await decodeShare(PINNED_V1);
    expect(d.notices).toEqual([]);
    expect(d.ui).toEqual(full({ classroom: true, autostart: true }));
    expect(d.config).toEqual(PINNED_V1_CONFIG);
    // And the readable form of a v1 link.
    const j = await decodeShare(PINNED_V1J);
    expect(j.notices).toEqual([]);
    expect(j.config.seed).toBe(42);
    expect(j.config.students).toEqual([
      { method: 'student-alone' },
      { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.3, clip: false, ceOnClean: false },
    ]);
    expect(j.ui.stepMode).toBe(true);
  });

  it('V1_FROZEN_BASE is a valid config; short names are unambiguous', () => {
    expect(repairConfig(V1_FROZEN_BASE).notices).toEqual([]);
    for (const table of [V1_SHORT_KEYS, V1_SHORT_METHODS]) {
      const shorts = Object.values(table);
      expect(new Set(shorts).size).toBe(shorts.length);
    }
    // A short name equal to a field name (or method) would be expanded into the wrong field.
    const names = schemaFieldNames();
    for (const s of Object.values(V1_SHORT_KEYS)) if (!Object.hasOwn(V1_SHORT_KEYS, s)) expect(names).not.toContain(s);
    for (const s of Object.values(V1_SHORT_METHODS)) expect(METHOD_IDS).not.toContain(s);
  });
});

// Made by encodeShare(richConfig(), { classroom: true, autostart: true }) when v1 was introduced. Do not edit:
// every later version must decode these two links to exactly this.
const PINNED_V1 =
  '#v1.dY9BTsNADEXv8tYGzWSSJvUdump3iEVIk4CgpZoZhFA0d0dOW4kNG8v-78v-Xkior0LdCEd04YwyvE19fPCOIhxMPFmZUL7j2cQR9a4I-_9gVYSU0KeFHcrrO0JGg9Cj7rEtcgVTvoLNDXR3kCJCmk1zjTCgOX6NwnDr7r7TgBDNFoQ8oxz2lGfh01L92Kb5iPCxerzFGkzM4wXhZX2-E_ps9vGy3gs-tFVTb53fblzb1ULKK7DhLyzlFw&classroom=1&autostart=1';
// attack.afterRun was added later (V1_LATER_FIELDS): an old link means its frozen value, true.
const PINNED_V1_CONFIG: ExperimentConfig = JSON.parse(
  '{"version":1,"seed":12345,"backend":"auto","data":{"dataset":"cifar-10","trainSize":10000,"testSize":2000,"augment":"crop-flip"},"teacher":{"model":{"family":"wrn","depth":16,"widen":1,"dropout":0.3},"epochs":10},"student":{"model":{"family":"wrn","depth":10,"widen":1,"dropout":0},"epochs":12},"students":[{"method":"hinton-kd","temperature":3,"alpha":0.7},{"method":"fickle-teacher","temperature":6,"alpha":0.8},{"method":"soft-randomization","temperature":4,"alpha":0.9,"sigma":0.05,"clip":true,"ceOnClean":true},{"method":"messy-collaboration","temperature":4,"alpha":0.9,"rate":0.3,"target":"TS"}],"optimizer":{"type":"sgd","lr":0.1,"momentum":0.9,"weightDecay":0.0005},"schedule":"step","batchSize":128,"attack":{"eps":0.03137254901960784,"stepSize":0.00784313725490196,"steps":20,"subset":500,"afterRun":true}}',
);
// packShare({ seed: 42, students: [{ method: 'student-alone' }, { method: 'soft-randomization', sigma: 0.3 }] },
// { form: 'json', ui: { stepMode: true } }): the readable form.
const PINNED_V1J =
  '#v1j.eyJzZWVkIjo0Miwic3R1ZGVudHMiOlt7Im1ldGhvZCI6InN0dWRlbnQtYWxvbmUifSx7Im1ldGhvZCI6InNvZnQtcmFuZG9taXphdGlvbiIsInNpZ21hIjowLjN9XX0&step=1';

describe('fields added after v1', () => {
  it('are left out at their frozen value and read back from a link without them', async () => {
    const cfg = defaultConfig();
    expect(shareDiff(cfg)).toEqual({});
    const off = { ...cfg, attack: { ...cfg.attack, afterRun: false } };
    expect(shareDiff(off)).toEqual({ attack: { afterRun: false } });
    expect((await decodeShare(await encodeShare(off))).config).toEqual(off);
  });

  it('a study (seeds and sweep) travels in the link', async () => {
    const cfg = {
      ...defaultConfig(),
      study: { seeds: [1, 2, 3], sweep: { param: 'sigma' as const, values: [0.1, 0.3] } },
    };
    const d = await decodeShare(await encodeShare(cfg));
    expect(d.notices).toEqual([]);
    expect(d.config).toEqual(cfg);
  });
});
