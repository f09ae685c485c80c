// The v1 share-link format's frozen tables: the base a link is a diff against, the bases of the union variants,
// and the short names of the compressed form. FROZEN: they say what every v1 link ever made means, so they are
// written out here and never derived from the live defaults (defaults.ts may change; a v1 link may not).
// Changing any value here needs a v2 format (and this file kept for `v1` links). v1.test.ts pins them.
//
// Format (version 1):
//
//   #v1.<payload>[&classroom=1][&hide=1][&lock=1][&autostart=1][&step=1]    payload = base64url(deflate-raw(JSON))
//   #v1j.<payload>[&…]                                                      payload = base64url(JSON), readable form
//
// - JSON is the structural diff of the config against V1_FROZEN_BASE: only keys whose value differs; objects
//   recursively; arrays (students, channels) whole if they differ, each student written as a diff against its
//   method's entry in V1_FROZEN_VARIANTS. An object whose discriminator (dataset / family / type / method)
//   differs from the base's is a diff against that variant's entry and always carries its discriminator. The
//   default config is `#v1j.e30` ("{}").
// - The compressed form shortens field names and method ids by V1_SHORT_KEYS and V1_SHORT_METHODS before
//   deflating; the decoder expands them in either form, and names it does not know pass through. The encoder
//   emits whichever form is shorter; the decoder reads both, with or without `#`, inside a whole URL, or
//   percent-encoded.
// - Base64url: RFC 4648 §5 alphabet, no padding (padding is tolerated on input).
// - UI flags: `&name=1`, in the order above; names are short and readable; absent means false.
// - Decoding never throws and always yields a valid config plus notices (see codec.ts). Fields added to the
//   schema after a link was made get their defaults. Unknown versions (`v2.`, `v0.`) are read as v1 with a
//   notice; a hash without a version that holds a JSON object is read as a (partial) config with a notice.
// - Limits: payloads over 20,000 characters are refused, and so is a payload that inflates past 200,000 bytes.
import type { ExperimentConfigInput } from '../schema';

export const SHARE_VERSION = 1;

/** Deep-frozen: writing to a frozen table is an error, not a silent change of what old links mean. */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') for (const x of Object.values(v)) deepFreeze(x);
  return Object.freeze(v);
}

/** The defaults when v1 was made. v1 links are diffs against exactly this. */
export const V1_FROZEN_BASE = deepFreeze({
  version: 1,
  seed: 1,
  backend: 'auto',
  data: { dataset: 'mnist-10k', trainSize: 8000, testSize: 2000 },
  teacher: { model: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 }, epochs: 4 },
  student: { model: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 }, epochs: 4 },
  students: [
    { method: 'student-alone' },
    { method: 'hinton-kd', temperature: 4, alpha: 0.9 },
    { method: 'fickle-teacher', temperature: 4, alpha: 0.9 },
    { method: 'soft-randomization', temperature: 4, alpha: 0.9, sigma: 0.2, clip: false, ceOnClean: false },
  ],
  optimizer: { type: 'adam', lr: 0.002, weightDecay: 0 },
  schedule: 'cosine',
  batchSize: 64,
  attack: { eps: 0.1, stepSize: 0.025, steps: 20, subset: 500 },
} as const satisfies ExperimentConfigInput);

/**
 * Fields added to the schema after v1 that the encoder leaves out at this value (so a default config is still
 * `{}`), and the value a link without them means. Only ever appended to, never changed: a link made before a
 * field existed keeps meaning what it meant then. The codec diffs and merges against V1_FROZEN_BASE plus these.
 */
export const V1_LATER_FIELDS = deepFreeze({
  attack: { afterRun: true },
} as const);

type Obj = Record<string, unknown>;
const KD = { temperature: 4, alpha: 0.9 };

/**
 * The v1 bases of the union variants: an object whose discriminator differs from V1_FROZEN_BASE's (and every
 * student) is a diff against its variant's entry here. Data sets and models are what the app switched to when
 * v1 was made (datasetPreset), students are each method's defaults then.
 */
export const V1_FROZEN_VARIANTS: Readonly<Record<string, Readonly<Record<string, Obj>>>> = deepFreeze({
  data: {
    'mnist-10k': { dataset: 'mnist-10k', trainSize: 8000, testSize: 2000 },
    mnist: { dataset: 'mnist', trainSize: 20000, testSize: 2000, augment: 'none' },
    'fashion-mnist': { dataset: 'fashion-mnist', trainSize: 20000, testSize: 2000, augment: 'none' },
    'cifar-10': { dataset: 'cifar-10', trainSize: 10000, testSize: 2000, augment: 'crop-flip' },
    synthetic: { dataset: 'synthetic', trainSize: 512, testSize: 128, size: 12, channels: 1 },
  },
  'teacher.model': {
    cnn: { family: 'cnn', channels: [32, 64], hidden: 256, dropout: 0.4 },
    wrn: { family: 'wrn', depth: 16, widen: 1, dropout: 0.3 },
  },
  'student.model': {
    cnn: { family: 'cnn', channels: [16, 32], hidden: 64, dropout: 0 },
    wrn: { family: 'wrn', depth: 10, widen: 1, dropout: 0 },
  },
  optimizer: {
    adam: { type: 'adam', lr: 0.002, weightDecay: 0 },
    sgd: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
  },
  students: {
    'student-alone': { method: 'student-alone' },
    'gaussian-augmentation': { method: 'gaussian-augmentation', sigma: 0.2, clip: false },
    'hinton-kd': { method: 'hinton-kd', ...KD },
    'fickle-teacher': { method: 'fickle-teacher', ...KD },
    'soft-randomization': { method: 'soft-randomization', ...KD, sigma: 0.2, clip: false, ceOnClean: false },
    'messy-collaboration': { method: 'messy-collaboration', ...KD, rate: 0.2, target: 'S' },
    custom: {
      method: 'custom',
      kd: true,
      ...KD,
      fickle: false,
      inputNoise: 'none',
      sigma: 0.2,
      clip: false,
      ceOnClean: false,
      studentLabelNoise: 0,
      teacherLabelNoise: 0,
    },
  },
});

/** The discriminator of each union in the config, by dotted path ('students' stands for each student). */
export const V1_VARIANT_KEY: Readonly<Record<string, string>> = deepFreeze({
  data: 'dataset',
  'teacher.model': 'family',
  'student.model': 'family',
  optimizer: 'type',
  students: 'method',
});

/**
 * Short names used in the compressed form. Decoding expands them in either form; a name not listed passes
 * through, so fields added later need no entry. No short name may equal a field name (a test checks).
 */
export const V1_SHORT_KEYS: Readonly<Record<string, string>> = deepFreeze({
  version: 'v',
  seed: 's',
  backend: 'b',
  data: 'd',
  dataset: 'n',
  trainSize: 'tr',
  testSize: 'te',
  augment: 'au',
  size: 'sz',
  channels: 'ch',
  teacher: 'T',
  student: 'S',
  model: 'm',
  family: 'f',
  hidden: 'h',
  dropout: 'dr',
  depth: 'dp',
  widen: 'w',
  epochs: 'e',
  students: 'ss',
  method: 'M',
  temperature: 't',
  alpha: 'a',
  sigma: 'sg',
  clip: 'c',
  ceOnClean: 'cc',
  rate: 'r',
  target: 'tg',
  fickle: 'fk',
  inputNoise: 'in',
  studentLabelNoise: 'sl',
  teacherLabelNoise: 'tl',
  optimizer: 'o',
  type: 'y',
  momentum: 'mo',
  weightDecay: 'wd',
  schedule: 'sc',
  batchSize: 'bs',
  attack: 'at',
  eps: 'ep',
  stepSize: 'st',
  steps: 'sn',
  subset: 'sb',
});

/** Short method names (values of `method`) in the compressed form. */
export const V1_SHORT_METHODS: Readonly<Record<string, string>> = deepFreeze({
  'student-alone': 'sa',
  'gaussian-augmentation': 'ga',
  'hinton-kd': 'hk',
  'fickle-teacher': 'ft',
  'soft-randomization': 'sr',
  'messy-collaboration': 'mc',
  custom: 'cu',
});
