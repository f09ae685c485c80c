// data:prepare / data:fetch on small synthetic files in the official formats, in a temp folder: discovery,
// shards + manifest that the app's loader reads back, skip-when-unchanged, clear failures, and the downloader
// against a local server (loopback only).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../src/core/data/formats';
import { cifarBatch, idxImages, idxLabels, makeTar } from '../src/core/data/formats/testFixtures';
import { loadPreparedSplits, parseManifest } from '../src/core/data/manifest';
import { SHARD_HEADER_BYTES } from '../src/core/data/shards';
import { CliError, download, findSources, parseOnly, prepare, type PrepareOptions } from './data-lib';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kd-data-prepare-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, bytes: Uint8Array | string): string {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, bytes);
  return full;
}

const labels = (n: number, shift = 0) => Array.from({ length: n }, (_, i) => (i + shift) % 10);

/** An MNIST-style folder: 60 train + 20 test images of 4×4, gzipped or not. */
function idxFolder(dir: string, gz: boolean, shift = 0) {
  const z = (b: Uint8Array) => (gz ? gzipSync(b) : b);
  const ext = gz ? '.gz' : '';
  put(`${dir}/train-images-idx3-ubyte${ext}`, z(idxImages(60, 4, 4, (i) => (i * 7 + shift) & 0xff)));
  put(`${dir}/train-labels-idx1-ubyte${ext}`, z(idxLabels(labels(60, shift))));
  put(`${dir}/t10k-images-idx3-ubyte${ext}`, z(idxImages(20, 4, 4, (i) => (i * 3 + shift) & 0xff)));
  put(`${dir}/t10k-labels-idx1-ubyte${ext}`, z(idxLabels(labels(20, shift))));
}

function quiet(): { lines: string[]; log: PrepareOptions['log'] } {
  const lines: string[] = [];
  return { lines, log: (line, isError) => lines.push(isError ? `ERR ${line}` : line) };
}

describe('findSources', () => {
  it('finds MNIST, Fashion-MNIST (by folder name) and CIFAR-10 in nested folders', () => {
    idxFolder('src1/downloads/mnist', true);
    idxFolder('src1/Fashion_MNIST/raw', false, 1);
    put('src1/cifar/cifar-10-batches-bin/data_batch_1.bin', cifarBatch(labels(30)));
    put('src1/cifar/cifar-10-batches-bin/test_batch.bin', cifarBatch(labels(10)));
    put('src1/cifar/cifar-10-python.tar.gz', 'not used');
    put('src1/node_modules/mnist/train-images-idx3-ubyte.gz', 'never looked at');
    const found = findSources(join(root, 'src1'));
    expect(found.map((f) => f.id)).toEqual(['mnist', 'fashion-mnist', 'cifar-10']);
    expect(found[0].files.map((f) => f.rel).sort()).toEqual([
      'downloads/mnist/t10k-images-idx3-ubyte.gz',
      'downloads/mnist/t10k-labels-idx1-ubyte.gz',
      'downloads/mnist/train-images-idx3-ubyte.gz',
      'downloads/mnist/train-labels-idx1-ubyte.gz',
    ]);
    expect(found[1].files.every((f) => f.rel.startsWith('Fashion_MNIST/raw/'))).toBe(true);
    expect(found[2].files.map((f) => f.rel).sort()).toEqual([
      'cifar/cifar-10-batches-bin/data_batch_1.bin',
      'cifar/cifar-10-batches-bin/test_batch.bin',
    ]);
    expect(found[2].notes.join()).toMatch(/cifar-10-python\.tar\.gz: only the binary version/);
  });

  it('takes one copy per file: the folder with the most files, unzipped over .gz', () => {
    idxFolder('src2/a', true);
    idxFolder('src2/a', false);
    put('src2/b/train-images-idx3-ubyte.gz', gzipSync(idxImages(60, 4, 4)));
    const [mnist] = findSources(join(root, 'src2'));
    expect(mnist.files.map((f) => f.rel).sort()).toEqual([
      'a/t10k-images-idx3-ubyte',
      'a/t10k-labels-idx1-ubyte',
      'a/train-images-idx3-ubyte',
      'a/train-labels-idx1-ubyte',
    ]);
    expect(mnist.notes).toEqual(['ignored another copy in b/']);
  });

  it('prefers a CIFAR archive over an incomplete extracted folder', () => {
    const archive = makeTar([
      { name: 'cifar-10-batches-bin/data_batch_1.bin', bytes: cifarBatch(labels(30)) },
      { name: 'cifar-10-batches-bin/test_batch.bin', bytes: cifarBatch(labels(10)) },
    ]);
    put('src3/cifar-10-binary.tar.gz', gzipSync(archive));
    put('src3/x/data_batch_2.bin', cifarBatch(labels(5)));
    const [cifar] = findSources(join(root, 'src3'));
    expect(cifar.files.map((f) => f.rel)).toEqual(['cifar-10-binary.tar.gz']);
    expect(cifar.notes.join()).toMatch(/not the incomplete extracted batches in x\//);
  });

  it('parseOnly accepts a comma list and rejects unknown ids', () => {
    expect(parseOnly(undefined)).toEqual(['mnist', 'fashion-mnist', 'cifar-10']);
    expect(parseOnly('cifar-10, MNIST')).toEqual(['mnist', 'cifar-10']);
    expect(() => parseOnly('svhn')).toThrow(/unknown data set svhn/);
  });
});

describe('prepare', () => {
  it('writes shards and a manifest that the app loader reads back to the imported data', async () => {
    const from = join(root, 'src1');
    const out = join(root, 'out1');
    const { lines, log } = quiet();
    // Small shards for the 4×4 sets, so that a split spans several files.
    const small = { from, out, log, maxShardBytes: SHARD_HEADER_BYTES + 25 * 17 };
    const results = [
      ...(await prepare({ ...small, only: ['mnist', 'fashion-mnist'] })),
      ...(await prepare({ from, out, log, only: ['cifar-10'] })),
    ];
    expect(results.map((r) => r.status)).toEqual(['prepared', 'prepared', 'prepared']);
    expect(lines.join('\n')).toMatch(/^mnist: 60 training images, 20 test images; 4×4×1, 10 classes → .*\(4 shards, /m);
    expect(lines.join('\n')).toMatch(/^cifar-10: 30 training images from 1 of 5 batches.*32×32×3/m);
    expect(lines.join('\n')).toMatch(/warning: missing data_batch_2\.bin/);

    const manifest = parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.datasets.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist', 'cifar-10']);
    const fashion = manifest.datasets[1];
    expect(fashion.classes[0]).toBe('T-shirt/top');
    expect(fashion.files.filter((f) => f.split === 'train').map((f) => [f.start, f.count])).toEqual([
      [0, 25],
      [25, 25],
      [50, 10],
    ]);
    expect(readdirSync(join(out, 'fashion-mnist')).every((f) => /^(train|test)-\d\d-[0-9a-f]{8}\.bin$/.test(f))).toBe(
      true,
    );

    const loaded = await loadPreparedSplits(fashion, async (p) => new Uint8Array(readFileSync(join(out, p))));
    const dir = join(from, 'Fashion_MNIST/raw');
    const direct = await importFiles(
      readdirSync(dir).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) })),
      { idxAs: 'fashion-mnist' },
    );
    for (const split of ['train', 'test'] as const) {
      expect(Buffer.from(loaded[split].images).equals(Buffer.from(direct[split].images))).toBe(true);
      expect(Buffer.from(loaded[split].labels).equals(Buffer.from(direct[split].labels))).toBe(true);
    }
  });

  it('skips unchanged sources, redoes changed ones, keeps other entries and drops stale shards', async () => {
    const from = join(root, 'src1');
    const out = join(root, 'out1');
    const { lines, log } = quiet();
    const again = await prepare({ from, out, only: parseOnly(undefined), log });
    expect(again.map((r) => r.status)).toEqual(['up to date', 'up to date', 'up to date']);
    expect(lines[0]).toMatch(/^mnist: up to date \(60 train \+ 20 test/);

    const before = readdirSync(join(out, 'mnist'));
    idxFolder('src1/downloads/mnist', true, 5); // new content: new shard names, old ones removed
    const t = new Date(Date.now() + 5000);
    utimesSync(join(from, 'downloads/mnist/train-images-idx3-ubyte.gz'), t, t);
    const redo = await prepare({ from, out, only: ['mnist'], onlyGiven: true, log });
    expect(redo.map((r) => r.status)).toEqual(['prepared']);
    const after = readdirSync(join(out, 'mnist'));
    expect(after.length).toBe(2); // default shard size: one file per split
    expect(after.some((f) => before.includes(f))).toBe(false);
    const manifest = parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.datasets.map((d) => d.id)).toEqual(['mnist', 'fashion-mnist', 'cifar-10']);

    rmSync(join(out, 'cifar-10', readdirSync(join(out, 'cifar-10'))[0]));
    const repaired = await prepare({ from, out, only: ['cifar-10'], onlyGiven: true, log });
    expect(repaired.map((r) => r.status)).toEqual(['prepared']); // a missing shard is not "up to date"
  });

  it('fails clearly: missing folder, nothing found, a corrupt file, a damaged manifest', async () => {
    const out = join(root, 'out2');
    const opts = { out, only: parseOnly(undefined), log: quiet().log };
    await expect(prepare({ ...opts, from: join(root, 'nope') })).rejects.toThrow(/nope does not exist/);
    mkdirSync(join(root, 'empty'), { recursive: true });
    await expect(prepare({ ...opts, from: join(root, 'empty') })).rejects.toThrow(
      /no MNIST, Fashion-MNIST or CIFAR-10 files found in .*empty \(looked for/,
    );
    await expect(prepare({ ...opts, from: join(root, 'src3'), only: ['mnist'], onlyGiven: true })).rejects.toThrow(
      /no MNIST files found.*found cifar-10, which --only leaves out/,
    );

    idxFolder('bad/mnist', true);
    const gz = readFileSync(join(root, 'bad/mnist/train-images-idx3-ubyte.gz'));
    put('bad/mnist/train-images-idx3-ubyte.gz', gz.subarray(0, gz.length - 30));
    put('bad/cifar-10-batches-bin/data_batch_1.bin', cifarBatch(labels(30)));
    const { lines, log } = quiet();
    const results = await prepare({ ...opts, from: join(root, 'bad'), log });
    expect(results.map((r) => r.status)).toEqual(['failed', 'prepared']); // one failure does not stop the rest
    expect(lines[0]).toMatch(/^ERR data:prepare: mnist: mnist\/train-images-idx3-ubyte\.gz: corrupt or truncated gzip/);

    writeFileSync(join(out, 'manifest.json'), '{"version": 1, "datasets": [{"id": "mnist"}]}');
    await expect(prepare({ ...opts, from: join(root, 'bad') })).rejects.toThrow(
      /manifest\.json: invalid manifest: datasets\.0\.name.*delete it, or rerun with --force/,
    );
    const forced = await prepare({ ...opts, from: join(root, 'bad'), only: ['cifar-10'], force: true });
    expect(forced.map((r) => r.status)).toEqual(['prepared']);
    expect(() => parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'))).not.toThrow();
  });
});

describe('download', () => {
  let server: Server;
  let base: string;
  const body = new Uint8Array(300_000).map((_, i) => i & 0xff);
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok.bin') {
        res.setHeader('content-length', body.length);
        res.end(body);
      } else if (req.url === '/hang') {
        // never answers
      } else {
        res.statusCode = 404;
        res.end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('downloads to the destination, reporting one progress line', async () => {
    const dest = join(root, 'dl-ok.bin');
    const { lines, log } = quiet();
    await download(new URL(`${base}/ok.bin`), dest, { log, label: 'ok.bin' });
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(body))).toBe(true);
    expect(lines).toEqual(['  ok.bin: 0.3 MB of 0.3 MB (100%)']);
    expect(readdirSync(root).some((f) => f.endsWith('.part'))).toBe(false);
  });

  it('fails fast with a hint to data:prepare when the host is silent, missing or refuses', async () => {
    const hint = /copy the official files into a folder and run npm run data:prepare -- --from DIR instead$/;
    const dest = join(root, 'dl-x.bin');
    const t0 = Date.now();
    const hang = download(new URL(`${base}/hang`), dest, { stallMs: 300, log: quiet().log });
    await expect(hang).rejects.toThrow(/^cannot reach 127\.0\.0\.1:\d+ \(no answer within 0\.3 s\)/);
    await expect(hang).rejects.toThrow(hint);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(download(new URL(`${base}/missing`), dest, { log: quiet().log })).rejects.toThrow(
      /missing answered HTTP 404 Not Found; copy the official files/,
    );
    // A port nobody listens on: bind one, then free it.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(download(new URL(`http://127.0.0.1:${port}/x`), dest, { log: quiet().log })).rejects.toThrow(
      /cannot reach 127\.0\.0\.1:\d+ \(connection refused: ECONNREFUSED\)/,
    );
    await expect(download(new URL(`http://127.0.0.1:${port}/x`), dest)).rejects.toBeInstanceOf(CliError);
    expect(readdirSync(root).some((f) => f.startsWith('dl-x'))).toBe(false);
  });
});
