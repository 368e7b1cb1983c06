/** The timeline of the whole run (from the worker) and what navigation by meaning follows. */
import type { TimelineData } from '../trace/timelineData';

export interface TimelineSlice {
  /** The recorded run of the current scenario; null until the worker has sent it. */
  timeline: TimelineData | null;
  /** The value "previous / next change" follows: a ValueTrack id ("busy:0", "slot:0:2", "task:0/app"). */
  navTrack: string;
  /** A Chrome trace the worker produced for "Export trace", waiting to be downloaded. */
  traceExport: { json: string; fileName: string } | null;
}

export const initialTimeline: TimelineSlice = { timeline: null, navTrack: 'busy:0', traceExport: null };
