import { useMemo, type CSSProperties } from 'react';
import type { Snapshot, TraceEvent } from '../../engine';
import { useApp } from '../../store/appStore';
import { actorWords, lastStepEvents } from '../teach/explanations';
import { actorColor } from '../palette';
import { FLOW_STAGES, hostStage, stageOfLabel, vcpuStage, type FlowStage } from './flow';
import './stage.css';

/** The strip's own coordinates (viewBox): independent of the page's layout, so snapshots are stable. */
const WIDTH = 530;
const GAP = 15;
const BOX = (WIDTH - GAP * (FLOW_STAGES.length - 1)) / FLOW_STAGES.length;
const HEIGHT = 26;
const MARKER_Y = 13;
const MARKER_R = 6.5;
/** Room the stage's title takes at the left of its box. */
const TITLE = 58;

const boxX = (n: number) => n * (BOX + GAP);
const stageIndex = new Map(FLOW_STAGES.map((s, n) => [s.stage, n]));

/** "vcpu0=ve-page vcpu1=guest host=host": compared by value, so the strip redraws only on a move. */
function placesKey(snapshot: Snapshot | null): string {
  if (!snapshot) return '';
  const places = snapshot.vcpus.map((v) => `vcpu${v.index}=${v.state === 'dead' ? 'dead' : vcpuStage(v)}`);
  const host = hostStage(snapshot.host);
  if (host) places.push(`host=${host}`);
  return places.join(' ');
}

/** The stages the last step worked in, e.g. "ve-page": they light up. */
function hotKey(events: readonly TraceEvent[], step: number): string {
  return [...new Set(lastStepEvents(events, step).map((e) => stageOfLabel(e.kind)))].join(' ');
}

interface Marker {
  actor: string;
  stage: FlowStage;
  dead: boolean;
  x: number;
}

function markers(key: string): Marker[] {
  const parsed = key === '' ? [] : key.split(' ').map((p) => p.split('=') as [string, string]);
  const byStage = new Map<FlowStage, string[]>();
  const placed = parsed.map(([actor, where]) => {
    const stage: FlowStage = where === 'dead' ? 'guest' : (where as FlowStage);
    byStage.set(stage, [...(byStage.get(stage) ?? []), actor]);
    return { actor, stage, dead: where === 'dead' };
  });
  return placed.map((m) => {
    const here = byStage.get(m.stage) ?? [];
    const n = here.indexOf(m.actor);
    // Right to left from the box's end; many vCPUs in one stage pile up rather than leave the box.
    const room = BOX - TITLE - 2 * MARKER_R;
    const step = Math.min(2 * MARKER_R + 2, room / Math.max(1, here.length - 1));
    const right = boxX(stageIndex.get(m.stage) ?? 0) + BOX - MARKER_R - 3;
    return { ...m, x: Math.round(right - (here.length - 1 - n) * step) };
  });
}

/** A marker moves by a CSS transition of its transform (stage.css), none under reduced motion. */
function flowMarkerClass(m: Marker): string {
  return ['flow-marker', m.actor === 'host' && 'flow-marker-host', m.dead && 'flow-marker-dead']
    .filter(Boolean)
    .join(' ');
}

function markerText(actor: string): string {
  return actor === 'host' ? 'H' : actor.replace('vcpu', '');
}

/**
 * The stage picture: the mail's data flow guest → VE info → ve_page → host → back as five boxes,
 * each actor a marker in the box of the line it executes next (a CSS transition moves it there), the boxes the
 * last step worked in lit. The readouts themselves stay in the vCPU and host panels.
 */
export function FlowStrip() {
  const places = useApp((s) => placesKey(s.snapshot));
  const hot = useApp((s) => hotKey(s.events, s.step));
  const list = useMemo(() => markers(places), [places]);
  const hotStages = new Set(hot.split(' '));

  const summary = list
    .map((m) => `${actorWords(m.actor)}: ${FLOW_STAGES[stageIndex.get(m.stage) ?? 0]!.title}`)
    .join('; ');
  return (
    <figure className="flow-strip" data-testid="flow-strip">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Where each actor is on the data flow: ${summary || 'nobody'}`}
      >
        {FLOW_STAGES.map(({ stage, title }, n) => {
          const actors = list.filter((m) => m.stage === stage).map((m) => m.actor);
          return (
            <g
              key={stage}
              className={`flow-stage ${hotStages.has(stage) ? 'flow-hot' : ''} ${actors.length ? 'flow-busy' : ''}`}
              data-flow-stage={stage}
              data-actors={actors.join(' ')}
              data-hot={hotStages.has(stage) ? 'true' : 'false'}
            >
              <rect x={boxX(n)} y={1} width={Math.round(BOX)} height={HEIGHT - 2} rx={5} />
              <text x={boxX(n) + 7} y={17}>
                {title}
              </text>
              {n < FLOW_STAGES.length - 1 && (
                <path className="flow-arrow" d={`M${boxX(n) + BOX + 3},13 l8,0 m-4,-4 l4,4 l-4,4`} />
              )}
            </g>
          );
        })}
        <g className="flow-markers">
          {list.map((m) => (
            <g
              key={m.actor}
              className={flowMarkerClass(m)}
              data-actor={m.actor}
              data-stage={m.stage}
              style={{ '--actor': actorColor(m.actor) } as CSSProperties}
              transform={`translate(${m.x},${MARKER_Y})`}
            >
              <circle r={MARKER_R} />
              <text textAnchor="middle" dy="0.35em">
                {markerText(m.actor)}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
