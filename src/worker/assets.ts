// Same-origin assets (the embedded MNIST-10k), fetched once per worker, within a bound (a stalled server must not
// leave a run "starting" forever).
import { withTimeout } from './bounded';

const ASSET_MS = 60_000;
const assetCache = new Map<string, Uint8Array>();

export async function fetchAsset(file: string): Promise<Uint8Array> {
  const hit = assetCache.get(file);
  if (hit) return hit;
  const url = new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin);
  const ctrl = new AbortController();
  const bytes = await withTimeout(
    (async () => {
      const res = await fetch(url, { signal: ctrl.signal });
      if (!res.ok) throw new Error(`could not load ${url.pathname} (HTTP ${res.status}); run "npm run data:embed"`);
      return new Uint8Array(await res.arrayBuffer());
    })(),
    ASSET_MS,
    `loading ${url.pathname}`,
  ).finally(() => ctrl.abort());
  assetCache.set(file, bytes);
  return bytes;
}
