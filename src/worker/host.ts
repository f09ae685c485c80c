// The worker's dispatcher: every command of the protocol to its owner (run, models/lab, data, backend), with an
// exhaustive switch, so a new command that is not handled fails the type check.
import { deleteCheckpoint } from '../storage/checkpoints';
import { BackendOwner } from './backendOwner';
import { dataCommand } from './dataCommands';
import type { WorkerEnv } from './env';
import { ModelLab, type RunState } from './modelLab';
import type { Command } from './protocol';
import { RunOwner } from './runOwner';
import { speedTest } from './speedTest';

export function createHost(env: WorkerEnv): (cmd: Command) => void {
  const { post } = env;
  // The owners refer to each other only through closures called later (switching backends disposes the lab's
  // models; the lab asks whether a run is training).
  const backends = new BackendOwner(env, () => lab.disposeAll());
  const lab: ModelLab = new ModelLab(env, backends, (): RunState => run.state);
  const run: RunOwner = new RunOwner(env, backends, lab);
  // A run (or resume) asked for after a speed test began ends the test at its next step: runs come first.
  let runsAsked = 0;
  post({ type: 'hello', id: 0 });

  return (cmd) => {
    switch (cmd.type) {
      case 'attack-gallery':
      case 'attack-sweep':
      case 'corruptions':
      case 'corruption-preview':
      case 'attack-stop':
        return lab.attack(cmd);
      case 'data-catalog':
      case 'data-load':
      case 'data-import':
      case 'data-clear':
        return dataCommand(cmd, post, env.fetchAsset);
      case 'init':
        return run.serial(() =>
          backends.ensure(cmd.id, cmd.backend).then(
            () => undefined,
            (e: Error) => post({ type: 'error', id: cmd.id, code: 'backend', message: e.message }),
          ),
        );
      case 'resume-info':
        return void run.interrupted.info().then((r) => post({ type: 'resume-info', id: cmd.id, ...r }));
      case 'resume-run':
        runsAsked++;
        return run.resumeRun(cmd.id, cmd.runKey);
      case 'speed-test': {
        const asked = runsAsked;
        return run.serial(() => speedTest(cmd.id, cmd.backend, backends, post, () => runsAsked !== asked));
      }
      case 'discard-checkpoint':
        return void discard(cmd.id, cmd.runKey);
      case 'model-export':
        return void lab
          .exportModel(cmd.id, cmd.modelId)
          .catch((e: Error) =>
            post({ type: 'notice', id: cmd.id, level: 'warning', message: `Export failed: ${e.message}` }),
          );
      case 'model-import':
        return run.serial(() =>
          lab
            .importModels(cmd.id, cmd.files, cmd.data, cmd.seed)
            .catch((e: Error) =>
              post({ type: 'attack-error', id: cmd.id, message: `Model import failed: ${e.message}` }),
            ),
        );
      case 'start':
        runsAsked++;
        return run.start(cmd.id, cmd.config, cmd.stepMode);
      case 'step-once':
        return run.stepOnce();
      case 'set-speed':
        return run.setSpeed(cmd.delayMs);
      case 'pause':
        return run.pause();
      case 'resume':
        return run.resume();
      case 'stop':
        return run.stop();
      case 'noise-view-subscribe':
        return run.noise.subscribe(cmd.on);
      default: {
        const unknown: never = cmd; // a command added to the protocol but not here fails the type check
        const { id, type } = unknown as { id?: unknown; type?: unknown };
        const message = `unknown worker command ${JSON.stringify(String(type)).slice(0, 60)}`;
        return post({ type: 'error', id: typeof id === 'number' ? id : 0, code: 'internal', message });
      }
    }
  };

  /** Deletes an interrupted run's checkpoint, unless another tab is training it (it holds the lock). */
  async function discard(id: number, runKey?: string): Promise<void> {
    const claim = await run.interrupted.claim(runKey);
    if ('stored' in claim) {
      await deleteCheckpoint(claim.stored.runKey);
      claim.release();
    }
    post({ type: 'resume-info', id, ...(await run.interrupted.info()) });
  }
}
