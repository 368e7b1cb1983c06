import { ActionButton } from '../../actions/ActionButton';
import { ShareTools } from '../share/ShareTools';
import { useTeach } from './teachStore';

/** Header buttons: the preset gallery, lecture mode, file export / import, keyboard help. */
export function TeachButtons() {
  const lecture = useTeach((s) => s.lecture);
  return (
    <>
      <ActionButton id="gallery">☰ Scenarios</ActionButton>
      <ActionButton id="lecture" pressed={lecture}>
        ▣ Lecture
      </ActionButton>
      <ShareTools />
      <ActionButton id="help">?</ActionButton>
    </>
  );
}
