/**
 * Presentation state of the teaching features: lecture mode, the help overlay, the preset gallery,
 * and whether the page is embedded (`?embed=1`). Nothing here changes what the engine does.
 */
export interface TeachSlice {
  /** Presenter layout: larger type, the panels that matter, captions under the picture. */
  lecture: boolean;
  help: boolean;
  gallery: boolean;
  /** Chrome-less view for an iframe (`?embed=1`). */
  embed: boolean;
}

export const initialTeach: TeachSlice = { lecture: false, help: false, gallery: false, embed: false };
