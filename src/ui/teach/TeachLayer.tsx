import { lazy, useEffect } from 'react';
import { tinykeys } from 'tinykeys';
import { Deferred } from '../Lazy';
import { startAddressBarSync } from '../share/addressBar';
import { DropZone } from '../share/DropZone';
import { LectureCaption } from './LectureCaption';
import { LiveRegion } from './LiveRegion';
import {
  setGallery,
  setHelp,
  setLecture,
  teachStore,
  toggleFullscreen,
  toggleLecture,
  useTeach,
} from './teachStore';
import './teach.css';

// Split off (their own chunks, fetched when first shown): the gallery carries every preset file.
// The caption stays: lecture mode shows it at once, and its explanations are the live region's.
const Gallery = lazy(() => import('./Gallery').then((m) => ({ default: m.Gallery })));
const HelpOverlay = lazy(() => import('./HelpOverlay').then((m) => ({ default: m.HelpOverlay })));

/** The embed API (embed/api.ts, with the presets it loads by name), fetched in embed mode only. */
function startEmbedApiLater(): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  void import('../../embed/api').then((m) => {
    if (!stopped) stop = m.startEmbedApi();
  });
  return () => {
    stopped = true;
    stop?.();
  };
}

function typing(e: KeyboardEvent): boolean {
  const t = e.target;
  if (e.ctrlKey || e.metaKey || e.altKey) return true;
  return (
    t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
  );
}

function key(run: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (typing(e)) return;
    e.preventDefault();
    run();
  };
}

function escape(): void {
  const s = teachStore.getState();
  if (s.help) setHelp(false);
  else if (s.gallery) setGallery(false);
  else if (s.lecture) setLecture(false);
}

/**
 * Everything of share-and-teach that is not a header button: lecture and embed layouts (as
 * attributes on <html>, styled by teach.css), their keys, the address bar, the embed API, drag and
 * drop, the live region, the caption, the gallery and the help overlay. App mounts it once.
 */
export function TeachLayer() {
  const lecture = useTeach((s) => s.lecture);
  const embed = useTeach((s) => s.embed);
  const gallery = useTeach((s) => s.gallery);
  const help = useTeach((s) => s.help);

  useEffect(() => {
    const root = document.documentElement;
    if (lecture) root.dataset.lecture = 'true';
    else delete root.dataset.lecture;
    if (embed) root.dataset.embed = 'true';
    else delete root.dataset.embed;
  }, [lecture, embed]);

  useEffect(() => (embed ? startEmbedApiLater() : startAddressBarSync()), [embed]);

  useEffect(
    () =>
      tinykeys(window, {
        l: key(toggleLecture),
        'Shift+l': key(toggleLecture),
        f: key(toggleFullscreen),
        'Shift+f': key(toggleFullscreen),
        g: key(() => setGallery(!teachStore.getState().gallery)),
        '?': key(() => setHelp(!teachStore.getState().help)),
        'Shift+?': key(() => setHelp(!teachStore.getState().help)),
        Escape: (e) => {
          if (!typing(e)) escape();
        },
      }),
    [],
  );

  return (
    <>
      <LiveRegion />
      {(lecture || embed) && <LectureCaption />}
      {!embed && <DropZone />}
      {gallery && (
        <Deferred what="the scenarios">
          <Gallery />
        </Deferred>
      )}
      {help && (
        <Deferred what="the keyboard help">
          <HelpOverlay />
        </Deferred>
      )}
    </>
  );
}
