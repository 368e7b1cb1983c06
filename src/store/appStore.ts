/**
 * One vanilla zustand store made of four slices (playback, scenario, selection, UI). Vanilla so
 * that the worker client and keyboard handlers can write to it without React.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { initialPlayback, type PlaybackSlice } from './playbackSlice';
import { initialScenario, type ScenarioSlice } from './scenarioSlice';
import { initialSelection, type SelectionSlice } from './selectionSlice';
import { initialUi, type UiSlice } from './uiSlice';
import { initialTimeline, type TimelineSlice } from './timelineSlice';

export type AppState = PlaybackSlice & ScenarioSlice & SelectionSlice & UiSlice & TimelineSlice;

export const appStore = createStore<AppState>()(() => ({
  ...initialPlayback,
  ...initialScenario,
  ...initialSelection,
  ...initialUi(),
  ...initialTimeline,
}));

/** React binding: re-renders only when the selected value changes (Object.is). */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
