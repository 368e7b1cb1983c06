import { ShareTools } from '../share/ShareTools';
import { setGallery, setHelp, toggleLecture, useTeach } from './teachStore';

/** Header buttons: the preset gallery, lecture mode, file export / import, keyboard help. */
export function TeachButtons() {
  const lecture = useTeach((s) => s.lecture);
  return (
    <>
      <button
        type="button"
        onClick={() => setGallery(true)}
        title="The named scenarios of the protocol (G)"
        aria-keyshortcuts="g"
      >
        ☰ Scenarios
      </button>
      <button
        type="button"
        onClick={toggleLecture}
        aria-pressed={lecture}
        title="Presenter layout: full screen, large type, captions (L)"
        aria-keyshortcuts="l"
      >
        ▣ Lecture
      </button>
      <ShareTools />
      <button
        type="button"
        onClick={() => setHelp(true)}
        aria-label="Keyboard help"
        title="Keyboard help (?)"
        aria-keyshortcuts="?"
      >
        ?
      </button>
    </>
  );
}
