// The header's share group: presets, copy link, classroom mode, and what they report back.
import { HelpDialog } from '../HelpDialog';
import { ClassroomBadge } from './ClassroomBadge';
import { ClassroomControls } from './ClassroomControls';
import { CopyLink } from './CopyLink';
import { PresetMenu } from './PresetMenu';
import { PresetUndo } from './PresetUndo';
import './share.css';

export function ShareTools() {
  return (
    <div className="share-tools">
      <div className="share-buttons" role="group" aria-label="Presets, sharing, classroom mode and help">
        <PresetMenu />
        <CopyLink />
        <ClassroomControls />
        <HelpDialog />
      </div>
      <ClassroomBadge />
      <PresetUndo />
    </div>
  );
}
