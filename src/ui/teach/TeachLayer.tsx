import { lazy, useEffect } from 'react';
import { usePlayground } from '../../playground/context';
import { Deferred } from '../Lazy';
import { DropZone } from '../share/DropZone';
import { LectureCaption } from './LectureCaption';
import { LiveRegion } from './LiveRegion';
import { useTeach } from './teachStore';
import './teach.css';

// Split off (their own chunks, fetched when first shown): the gallery carries every preset file.
// The caption stays: lecture mode shows it at once, and its explanations are the live region's.
const Gallery = lazy(() => import('./Gallery').then((m) => ({ default: m.Gallery })));
const HelpOverlay = lazy(() => import('./HelpOverlay').then((m) => ({ default: m.HelpOverlay })));

/**
 * Everything of share-and-teach that is not a header button: lecture and embed layouts (as
 * attributes on <html>, styled by teach.css), the embed API, drag and drop, the live region, the
 * caption, the gallery and the help overlay. App mounts it once. Its keys are
 * the action registry's (useKeyboard).
 */
export function TeachLayer() {
  const playground = usePlayground();
  const lecture = useTeach((s) => s.lecture);
  const embed = useTeach((s) => s.embed);
  const gallery = useTeach((s) => s.gallery);
  const help = useTeach((s) => s.help);
  const ownsWindow = playground.ownsWindow;

  useEffect(() => {
    if (!ownsWindow) return;
    const root = document.documentElement;
    if (lecture) root.dataset.lecture = 'true';
    else delete root.dataset.lecture;
    if (embed) root.dataset.embed = 'true';
    else delete root.dataset.embed;
  }, [lecture, embed, ownsWindow]);

  useEffect(() => {
    if (!embed || !ownsWindow) return;
    // The embed API (embed/api.ts, with the presets it loads by name) is fetched in embed mode only.
    let stop: (() => void) | null = null;
    let stopped = false;
    void import('../../embed/api').then((m) => {
      if (!stopped) stop = m.startEmbedApi(playground);
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }, [embed, ownsWindow, playground]);

  return (
    <>
      <LiveRegion />
      {(lecture || embed) && <LectureCaption />}
      {!embed && ownsWindow && <DropZone />}
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
