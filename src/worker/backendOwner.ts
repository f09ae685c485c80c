// The active tfjs backend. Tensors belong to one backend, so switching first disposes every model (onSwitch).
// A backend whose device was lost is avoided for the rest of the session (the run owner continues elsewhere).
import type { BackendPreference } from '../core/config/schema';
import type { WorkerEnv } from './env';
import type { BackendInfo, BackendName } from './protocol';

export class BackendOwner {
  private info: BackendInfo | null = null;
  private pref: BackendPreference | null = null;
  private readonly lost = new Set<BackendName>();

  constructor(
    private readonly env: WorkerEnv,
    private readonly onSwitch: () => void,
  ) {}

  /** The preference the active backend was chosen for ('auto' before any). */
  get preference(): BackendPreference {
    return this.pref ?? 'auto';
  }

  async ensure(id: number, pref: BackendPreference): Promise<BackendInfo> {
    if (this.info && this.pref === pref && !this.lost.has(this.info.name)) return this.info;
    this.onSwitch();
    this.info = null;
    this.info = await this.env.selectBackend(pref, this.lost);
    this.pref = pref;
    this.env.post({ type: 'ready', id, backend: this.info });
    return this.info;
  }

  /** Settles with the reason if the active backend's device is lost; that backend is then avoided. */
  watchLoss(info: BackendInfo): Promise<string> {
    return this.env.deviceLost(info).then((reason) => {
      this.lost.add(info.name);
      return reason;
    });
  }
}
