// Same-origin assets (the embedded MNIST-10k), fetched once per worker.
const assetCache = new Map<string, Uint8Array>();

export async function fetchAsset(file: string): Promise<Uint8Array> {
  const hit = assetCache.get(file);
  if (hit) return hit;
  const url = new URL(`${import.meta.env.BASE_URL}data/${file}`, self.location.origin);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url.pathname} (HTTP ${res.status}); run "npm run data:embed"`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assetCache.set(file, bytes);
  return bytes;
}
