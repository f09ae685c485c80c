// One test image under every corruption at severities 1–5, so the heatmap's columns have a face.
import { memo } from 'react';
import { CORRUPTIONS, SEVERITIES } from '../../../core/robustness/severity';
import type { CorruptionPreview as Preview } from '../../../worker/attackProtocol';
import { CORRUPTION_NAMES } from './corruptionNames';
import { ImageCanvas } from './ImageCanvas';
import { ScrollRegion } from '../ScrollRegion';

const IMAGE_PX = 56;

export const CorruptionPreview = memo(function CorruptionPreview(props: { preview: Preview; classNames: string[] }) {
  const { preview: p, classNames } = props;
  const truth = classNames[p.label] ?? String(p.label);
  return (
    <ScrollRegion label="Corruption preview" testId="corruption-preview">
      <table className="lab-preview-strip">
        <caption className="muted">
          Test image #{p.index} ({truth}) under each corruption, severity 1 (mild) to 5 (strong)
        </caption>
        <thead>
          <tr>
            <th scope="col">Corruption</th>
            <th scope="col">Original</th>
            {SEVERITIES.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CORRUPTIONS.map((c) => (
            <tr key={c}>
              <th scope="row">{CORRUPTION_NAMES[c]}</th>
              <td>
                <ImageCanvas image={p.original} shape={p.shape} size={IMAGE_PX} label={`Original image #${p.index}`} />
              </td>
              {p.images[c]?.map((img, i) => (
                <td key={i}>
                  <ImageCanvas
                    image={img}
                    shape={p.shape}
                    size={IMAGE_PX}
                    label={`${CORRUPTION_NAMES[c]}, severity ${i + 1}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
});
