// A topology link. The one carrying the current message is drawn thick in the current colour and,
// when the step arrives, pulses twice: an HTML layer over the link whose opacity animates, which the
// compositor runs (a moving dash would repaint the whole edge layer on the main thread every frame).
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getStraightPath, type Edge, type EdgeProps } from '@xyflow/react';

export type LinkData = { active: boolean; curve: 'straight' | 'bezier'; pulse: string | null; colour: string; width: number };

export function LinkEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, style, data }: EdgeProps<Edge<LinkData>>) {
  const [path] = data?.curve === 'bezier'
    ? getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
    : getStraightPath({ sourceX, sourceY, targetX, targetY });
  return (
    <>
      <BaseEdge id={id} path={path} style={style} />
      {data?.pulse && (
        <EdgeLabelRenderer>
          <div key={data.pulse} data-testid="topology.pulse" aria-hidden="true" className="link-pulse pointer-events-none absolute top-0 left-0 h-0 w-0">
            <svg width={1} height={1} style={{ overflow: 'visible', position: 'absolute' }}>
              <path d={path} fill="none" stroke={data.colour} strokeWidth={data.width * 3} strokeLinecap="round" opacity={0.35} />
            </svg>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
