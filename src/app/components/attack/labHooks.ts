// What every part of the lab needs from the run: its models (with chart colours), class names and ε units.
import { useMemo } from 'react';
import type { ModelRef } from '../../../worker/attackProtocol';
import { colorsFor } from '../../lib/colors';
import { useStore } from '../../store';
import { epsUnits, type EpsUnits } from './epsUnits';

export interface LabModel extends ModelRef {
  color: string;
}

const IMPORTED_COLORS = ['#7c3aed', '#0891b2', '#65a30d', '#be123c'];

/**
 * The run's models in phase order (a paused run: those started so far), coloured as in the training charts,
 * then models imported from files.
 */
export function useLabModels(): LabModel[] {
  const phases = useStore((s) => s.phases);
  const plan = useStore((s) => s.plan);
  const imported = useStore((s) => s.importedModels);
  return useMemo(() => {
    const colors = colorsFor(plan);
    const run = Object.values(phases)
      .sort((a, b) => a.index - b.index)
      .map((p) => ({ id: p.id, label: p.label, kind: p.kind, color: colors[p.id] ?? '#888' }));
    return [...run, ...imported.map((m, i) => ({ ...m, color: IMPORTED_COLORS[i % IMPORTED_COLORS.length] }))];
  }, [phases, plan, imported]);
}

/** The model attacks are crafted on: the chosen one if it exists in this run, else the first (the teacher). */
export function useSourceId(): string | null {
  const models = useLabModels();
  const chosen = useStore((s) => s.attackSettings.source);
  return models.find((m) => m.id === chosen)?.id ?? models[0]?.id ?? null;
}

/** Class names of the run's data set: from a gallery answer, the loaded data description, or plain numbers. */
export function useClassNames(): string[] {
  const fromGallery = useStore((s) => s.attackGallery?.classNames);
  const info = useStore((s) => s.dataInfo);
  const dataset = useStore((s) => s.dataset);
  return useMemo(() => {
    const K = dataset?.numClasses ?? 0;
    if (fromGallery?.length === K) return fromGallery;
    if (info && info.name === dataset?.name && info.classNames.length === K) return info.classNames;
    return Array.from({ length: K }, (_, i) => `class ${i}`);
  }, [fromGallery, info, dataset]);
}

export function useEpsUnits(): EpsUnits {
  const channels = useStore((s) => s.dataset?.shape[2] ?? 1);
  return useMemo(() => epsUnits(channels), [channels]);
}
