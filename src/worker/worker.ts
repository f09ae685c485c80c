// The training worker's entry: owns tfjs and every tensor; host.ts dispatches each command to its owner.
/// <reference lib="webworker" />
// tfjs-core first: it registers the flags the gradient modules read when they load ("Cannot evaluate flag").
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { fetchAsset } from './assets';
import { deviceLost, selectBackend } from './backend';
import { createHost } from './host';
import type { Command, WorkerEvent } from './protocol';
import { browserLocks } from './runLocks';
import { idbTuneCache } from '../storage/tuneCache';
import '../core/nn/webgpu/register';

declare const self: DedicatedWorkerGlobalScope;

const post = (e: WorkerEvent) => self.postMessage(e);
const handle = createHost({
  post,
  selectBackend,
  deviceLost,
  fetchAsset,
  locks: browserLocks(),
  tuneCache: idbTuneCache(),
});
self.onmessage = (ev: MessageEvent<Command>) => handle(ev.data);
