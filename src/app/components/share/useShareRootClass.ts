// The root classes of classroom mode. `classroom` also goes on <html>: the type sizes are in rem, so large type
// means a larger root font size.
import { useEffect } from 'react';
import { useStore } from '../../store';

export function useShareRootClass(): string {
  const classroom = useStore((s) => s.shareUi.classroom);
  const hide = useStore((s) => s.shareUi.hideControls);
  useEffect(() => {
    document.documentElement.classList.toggle('classroom', classroom);
  }, [classroom]);
  return `${classroom ? ' classroom' : ''}${hide ? ' share-hide-controls' : ''}`;
}
