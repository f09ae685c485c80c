// Cached real data sets in IndexedDB (idb-keyval), so a data set downloads or imports once and loads offline
// afterwards. Pixels and metadata live under separate keys: listing the cache reads no pixels, and the
// metadata is written last, so a half-written entry (quota hit, tab closed) is never taken for a whole one.
import { delMany, get, getMany, keys, setMany } from 'idb-keyval';
import type { RealDatasetName } from '../core/config/schema';
import { residentBytes, type RealData } from '../core/data/real';
import { storageFailure, store, type StorageResult } from './db';

export interface CachedMeta {
  id: RealDatasetName;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  counts: { train: number; test: number };
  summary: string;
  /** Where the bytes came from. */
  origin: 'import' | 'prepared';
  /** Files imported, or the prepared shards' sha256 list (to notice a newer deployment). */
  sources: string[];
  bytes: number;
  savedAt: number;
}

interface CachedPixels {
  trainImages: Uint8Array;
  trainLabels: Uint8Array;
  testImages: Uint8Array;
  testLabels: Uint8Array;
}

const db = () => store('data');

const metaKey = (id: RealDatasetName) => `meta:${id}`;
const pixelKey = (id: RealDatasetName) => `pixels:${id}`;

export async function saveDataset(
  data: RealData,
  origin: CachedMeta['origin'],
  sources: string[],
): Promise<StorageResult> {
  const meta: CachedMeta = {
    id: data.id,
    height: data.height,
    width: data.width,
    channels: data.channels,
    classNames: data.classNames,
    counts: { train: data.train.count, test: data.test.count },
    summary: data.summary,
    origin,
    sources,
    bytes: residentBytes(data),
    savedAt: Date.now(),
  };
  const pixels: CachedPixels = {
    trainImages: data.train.images,
    trainLabels: data.train.labels,
    testImages: data.test.images,
    testLabels: data.test.labels,
  };
  try {
    const s = db();
    await delMany([metaKey(data.id)], s); // an old entry must not describe new pixels if the write fails
    await setMany([[pixelKey(data.id), pixels]], s);
    await setMany([[metaKey(data.id), meta]], s);
    return { ok: true };
  } catch (e) {
    await deleteDataset(data.id).catch(() => undefined);
    return { ok: false, reason: storageFailure(e) };
  }
}

export async function loadCachedDataset(id: RealDatasetName): Promise<{ data: RealData; meta: CachedMeta } | null> {
  const s = db();
  const meta = await get<CachedMeta>(metaKey(id), s);
  if (!meta) return null;
  const px = await get<CachedPixels>(pixelKey(id), s);
  const size = meta.height * meta.width * meta.channels;
  if (
    !px ||
    px.trainLabels.length !== meta.counts.train ||
    px.testLabels.length !== meta.counts.test ||
    px.trainImages.length !== meta.counts.train * size ||
    px.testImages.length !== meta.counts.test * size
  ) {
    await deleteDataset(id); // damaged entry: drop it rather than train on garbage
    return null;
  }
  const data: RealData = {
    id,
    height: meta.height,
    width: meta.width,
    channels: meta.channels,
    classNames: meta.classNames,
    summary: meta.summary,
    train: { images: px.trainImages, labels: px.trainLabels, count: meta.counts.train },
    test: { images: px.testImages, labels: px.testLabels, count: meta.counts.test },
  };
  return { data, meta };
}

export async function listCachedDatasets(): Promise<CachedMeta[]> {
  const s = db();
  const metaKeys = (await keys<string>(s)).filter((k) => k.startsWith('meta:'));
  return (await getMany<CachedMeta>(metaKeys, s)).filter((m): m is CachedMeta => !!m);
}

export async function deleteDataset(id: RealDatasetName): Promise<void> {
  await delMany([metaKey(id), pixelKey(id)], db());
}
