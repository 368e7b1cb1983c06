/** The state of one playground: the slices of src/store/ in one object (one zustand store). */
import { initialExplore, type ExploreSlice } from '../store/exploreSlice';
import { initialPlayback, type PlaybackSlice } from '../store/playbackSlice';
import { initialScenario, type ScenarioSlice } from '../store/scenarioSlice';
import { initialSelection, type SelectionSlice } from '../store/selectionSlice';
import { initialTeach, type TeachSlice } from '../store/teachSlice';
import { initialTimeline, type TimelineSlice } from '../store/timelineSlice';
import { initialUi, type UiSlice } from '../store/uiSlice';

export type AppState = PlaybackSlice &
  ScenarioSlice &
  SelectionSlice &
  UiSlice &
  TimelineSlice &
  TeachSlice &
  ExploreSlice;

export function initialState(teach: Partial<TeachSlice> = {}): AppState {
  return {
    ...initialPlayback,
    ...initialScenario,
    ...initialSelection,
    ...initialUi(),
    ...initialTimeline,
    ...initialTeach,
    ...initialExplore,
    ...teach,
  };
}
