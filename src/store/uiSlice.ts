/** Presentation state only: nothing here changes what the engine does. */
export type Theme = 'light' | 'dark';
export type PanelName = 'editor' | 'about';

export interface UiSlice {
  theme: Theme;
  panels: Record<PanelName, boolean>;
}

function preferredTheme(): Theme {
  if (typeof window === 'undefined' || !window.matchMedia) return 'light';
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function initialUi(): UiSlice {
  return { theme: preferredTheme(), panels: { editor: false, about: false } };
}
