// The active tfjs backend. Tensors belong to one backend, so switching first disposes every model (onSwitch).
import type { BackendPreference } from '../core/config/schema';
import type { WorkerEnv } from './env';
import type { BackendInfo } from './protocol';

export class BackendOwner {
  private info: BackendInfo | null = null;
  private pref: BackendPreference | null = null;

  constructor(
    private readonly env: WorkerEnv,
    private readonly onSwitch: () => void,
  ) {}

  /** The preference the active backend was chosen for ('auto' before any). */
  get preference(): BackendPreference {
    return this.pref ?? 'auto';
  }

  async ensure(id: number, pref: BackendPreference): Promise<BackendInfo> {
    if (this.info && this.pref === pref) return this.info;
    this.onSwitch();
    this.info = await this.env.selectBackend(pref);
    this.pref = pref;
    this.env.post({ type: 'ready', id, backend: this.info });
    return this.info;
  }
}
