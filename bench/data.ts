// Data half of `npm run bench` in Node: parse time of an official archive with the same parsers the worker
// uses, and memory: the loaded set's resident bytes and the peak of ArrayBuffer memory while importing.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importFiles } from '../src/core/data/formats';

export interface NodeDataResult {
  file: string;
  readMs: number;
  parseMs: number;
  residentBytes: number;
  peakArrayBuffers: number;
  retainedArrayBuffers: number;
  summary: string;
}

export async function benchDataNode(file: string): Promise<NodeDataResult> {
  const base = process.memoryUsage().arrayBuffers;
  let peak = base;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers));
  const timer = setInterval(sample, 5);
  try {
    const t0 = performance.now();
    const bytes = new Uint8Array(await readFile(file));
    const t1 = performance.now();
    const data = await importFiles([{ name: basename(file), bytes }]);
    const t2 = performance.now();
    sample();
    return {
      file,
      readMs: t1 - t0,
      parseMs: t2 - t1,
      residentBytes: data.residentBytes,
      peakArrayBuffers: peak - base,
      retainedArrayBuffers: process.memoryUsage().arrayBuffers - base,
      summary: data.summary,
    };
  } finally {
    clearInterval(timer);
  }
}
