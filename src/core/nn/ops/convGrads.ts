// The formulations of a 'same'-padded NHWC conv's gradients (HWIO filters) that the autotuner chooses between.
import * as tf from '@tensorflow/tfjs-core';

/** TensorFlow's 'same' padding: total = max((out-1)*s + k - in, 0), the extra pixel at the end. */
export function samePad(inSize: number, k: number, s: number): { out: number; before: number; after: number } {
  const out = Math.ceil(inSize / s);
  const total = Math.max((out - 1) * s + k - inSize, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** x padded as the forward pass saw it, cut to exactly the rows/cols it touched (strided 1×1 convs skip some). */
function paddedInput(x: tf.Tensor4D, Ho: number, Wo: number, kh: number, kw: number, stride: number): tf.Tensor4D {
  const [, H, W] = x.shape;
  const ph = samePad(H, kh, stride);
  const pw = samePad(W, kw, stride);
  let xp: tf.Tensor4D = x;
  if (ph.before || ph.after || pw.before || pw.after) {
    xp = tf.pad(x, [
      [0, 0],
      [ph.before, ph.after],
      [pw.before, pw.after],
      [0, 0],
    ]);
  }
  const needH = (Ho - 1) * stride + kh;
  const needW = (Wo - 1) * stride + kw;
  if (xp.shape[1] !== needH || xp.shape[2] !== needW) xp = tf.slice(xp, [0, 0, 0, 0], [-1, needH, needW, -1]);
  return xp;
}

/** tfjs's own kernel (tfjs-wasm has none). */
export function stockFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, stride: number): tf.Tensor4D {
  return tf.engine().runKernel(
    'Conv2DBackpropFilter',
    { x, dy } as unknown as tf.NamedTensorMap,
    {
      strides: [stride, stride],
      pad: 'same',
      dataFormat: 'NHWC',
      dimRoundingMode: undefined,
      filterShape: [kh, kw, x.shape[3], dy.shape[3]],
    } as unknown as tf.NamedAttrMap,
  ) as tf.Tensor4D;
}

export function hasStockFilterGrad(): boolean {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined;
}

/**
 * dW[kh,kw,ci,co] = Σ_b,i,j xpad[b, i·s+kh, j·s+kw, ci] · dy[b,i,j,co]
 * = conv2d(input = xpadᵀ [ci,Hp,Wp,B], filter = dyᵀ [Ho,Wo,B,co], dilation s) → [ci,kh,kw,co].
 */
export function transposedConvFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  kh: number,
  kw: number,
  stride: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [, Ho, Wo] = dy.shape;
    const xp = paddedInput(x, Ho, Wo, kh, kw, stride);
    const xt = tf.transpose(xp, [3, 1, 2, 0]);
    const dyt = tf.transpose(dy, [1, 2, 0, 3]);
    const dw = tf.conv2d(xt, dyt as tf.Tensor4D, 1, 'valid', 'NHWC', stride);
    return tf.transpose(dw, [1, 2, 0, 3]);
  });
}

/** Splits of the reduction (B·Ho·Wo) for a batched, split-K matMul: chunks of at least 1024 rows. */
function splitK(n: number): number {
  for (const k of [16, 8, 4, 2]) if (n % k === 0 && n / k >= 1024) return k;
  return 1;
}

/**
 * dW[a,c] = xsliceᵀ · dy for each of the kh·kw shifts (a, c): xslice = xpad[:, a::s, c::s, :] as [B·Ho·Wo, Ci].
 * Each is a batched matMul over K splits of the reduction, [K, Ci, N/K] × [K, N/K, Co], summed over K (many
 * short reductions in parallel suit a GPU); transposes are explicit (flags are slow on WASM).
 */
export function shiftedMatmulFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  kh: number,
  kw: number,
  stride: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [B, Ho, Wo, Co] = dy.shape;
    const Ci = x.shape[3];
    const n = B * Ho * Wo;
    const k = splitK(n);
    const xp = paddedInput(x, Ho, Wo, kh, kw, stride);
    const dyk = tf.reshape(dy, [k, n / k, Co]);
    const parts: tf.Tensor[] = [];
    for (let a = 0; a < kh; a++) {
      for (let c = 0; c < kw; c++) {
        const xs =
          stride === 1
            ? tf.slice(xp, [0, a, c, 0], [B, Ho, Wo, Ci])
            : tf.stridedSlice(
                xp,
                [0, a, c, 0],
                [B, a + (Ho - 1) * stride + 1, c + (Wo - 1) * stride + 1, Ci],
                [1, stride, stride, 1],
              );
        const xt = tf.transpose(tf.reshape(xs, [k, n / k, Ci]), [0, 2, 1]);
        const prod = tf.matMul(xt as tf.Tensor3D, dyk as tf.Tensor3D);
        parts.push(k > 1 ? tf.sum(prod, 0) : tf.reshape(prod, [Ci, Co]));
      }
    }
    return tf.reshape(tf.stack(parts), [kh, kw, Ci, Co]) as tf.Tensor4D;
  });
}

/** tfjs's Conv2DBackpropInput (what its own conv2d gradient runs). */
export function stockInputGrad(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
): tf.Tensor4D {
  return tf.conv2dTranspose(dy, w, xShape, stride, 'same');
}

/** The same, with a WebGPU flag set around the call (the tiled program instead of the naive one), then restored. */
export function withFlag<T>(flag: string, value: boolean, f: () => T): T {
  const env = tf.env();
  const before = env.getBool(flag);
  env.set(flag, value);
  try {
    return f();
  } finally {
    env.set(flag, before);
  }
}

export function flagRegistered(flag: string): boolean {
  return flag in (tf.env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry;
}

/** For stride 1 and odd kernels: a 'same' conv of dy with the 180°-rotated, in/out-swapped filter. */
export function rotatedConvInputGrad(dy: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.conv2d(dy, tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same'));
}

export const rotatedConvApplies = (w: tf.Tensor4D, stride: number) =>
  stride === 1 && w.shape[0] % 2 === 1 && w.shape[1] % 2 === 1;
