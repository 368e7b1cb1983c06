/**
 * Presentation state of the teaching features: lecture mode, the help overlay, the preset gallery,
 * and whether the page is embedded (`?embed=1`). Nothing here changes what the engine does.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface TeachState {
  /** Presenter layout: larger type, the panels that matter, captions under the picture. */
  lecture: boolean;
  help: boolean;
  gallery: boolean;
  /** Chrome-less view for an iframe (`?embed=1`). */
  embed: boolean;
}

function queryFlag(name: string): boolean {
  if (typeof location === 'undefined') return false;
  const v = new URLSearchParams(location.search).get(name);
  return v !== null && v !== '0' && v !== 'false';
}

export const teachStore = createStore<TeachState>()(() => ({
  lecture: queryFlag('lecture'),
  help: false,
  gallery: false,
  embed: queryFlag('embed'),
}));

export function useTeach<T>(selector: (state: TeachState) => T): T {
  return useStore(teachStore, selector);
}

export function setLecture(on: boolean): void {
  teachStore.setState({ lecture: on });
  if (!on && typeof document !== 'undefined' && document.fullscreenElement) {
    void document.exitFullscreen().catch(() => undefined);
  }
}

/** L or the Lecture button: on (and full screen, which needs this user gesture) or off. */
export function toggleLecture(): void {
  const on = !teachStore.getState().lecture;
  setLecture(on);
  if (on && typeof document !== 'undefined' && !document.fullscreenElement) toggleFullscreen();
}

export function setHelp(open: boolean): void {
  teachStore.setState({ help: open });
}

export function setGallery(open: boolean): void {
  teachStore.setState({ gallery: open });
}

/** F: full screen on, or off again; refused requests (no user gesture, iframe policy) are ignored. */
export function toggleFullscreen(): void {
  if (typeof document === 'undefined') return;
  if (document.fullscreenElement) {
    void document.exitFullscreen().catch(() => undefined);
    return;
  }
  const root = document.documentElement;
  if (typeof root.requestFullscreen !== 'function') return;
  void root.requestFullscreen().catch(() => undefined);
}
