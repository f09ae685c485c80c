// Trained teachers, reused across runs: in memory (same tab) and in IndexedDB (after a reload), keyed by
// everything that determines a teacher. A new set of students skips teacher training.
import type { ExperimentConfig } from '../core/config/schema';
import type { Model } from '../core/nn/model';
import { loadModel, saveModel } from '../core/nn/serialize';
import { teacherIdentity, type PlannedPhase } from '../core/train/plan';
import { dataFingerprint } from '../core/train/checkpoint';
import { inputInfo } from '../core/train/trainer';
import type { Dataset } from '../core/data/types';
import { loadTeacher, saveTeacher } from '../storage/teachers';

/**
 * The config fields a teacher depends on, plus a fingerprint of the data itself: a real data set's spec caps its
 * size, so the same spec can name different images (a partial archive imported, the full set prepared later).
 */
export function teacherKey(cfg: ExperimentConfig, p: PlannedPhase, d: Dataset): string {
  return JSON.stringify({ images: dataFingerprint(d), ...teacherIdentity(cfg, p) });
}

export class TeacherCache {
  private memory = new Map<string, Model>();

  /** Models this cache owns (the worker must not dispose them with a run's other models). */
  owned(): Set<Model> {
    return new Set(this.memory.values());
  }

  /** Teachers for these phases from memory, else from IndexedDB; `fromDisk` lists the ids loaded from there. */
  async find(
    cfg: ExperimentConfig,
    teachers: PlannedPhase[],
    data: Dataset,
  ): Promise<{ reuse: Map<string, Model>; fromDisk: string[] }> {
    const reuse = new Map<string, Model>();
    const fromDisk: string[] = [];
    for (const t of teachers) {
      const key = teacherKey(cfg, t, data);
      let m = this.memory.get(key);
      if (!m) {
        const saved = await loadTeacher(key).catch(() => null); // storage trouble only means retraining
        if (saved) {
          m = loadModel(saved, inputInfo(data));
          this.memory.set(key, m);
          fromDisk.push(t.id);
        }
      }
      if (m) reuse.set(t.id, m);
    }
    return { reuse, fromDisk };
  }

  /**
   * After a run: these teachers become the in-memory cache (others are released for disposal) and newly
   * trained ones are written to IndexedDB. Returns why they could not be stored, if they could not.
   */
  async remember(
    cfg: ExperimentConfig,
    teachers: PlannedPhase[],
    data: Dataset,
    models: Map<string, Model>,
    trained: Set<string>,
  ): Promise<string | null> {
    this.memory = new Map(teachers.map((t) => [teacherKey(cfg, t, data), models.get(t.id)!]));
    for (const t of teachers) {
      if (!trained.has(t.id)) continue;
      const r = await saveTeacher(teacherKey(cfg, t, data), await saveModel(models.get(t.id)!));
      if (!r.ok) return r.reason;
    }
    return null;
  }

  /** Drops (without disposing) every entry not in `keep`. */
  retain(keep: Set<Model>): void {
    this.memory = new Map([...this.memory].filter(([, m]) => keep.has(m)));
  }
}
