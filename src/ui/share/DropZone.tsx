import { useEffect, useState } from 'react';
import { useActions } from '../../store/appStore';

function carriesImportable(e: DragEvent): boolean {
  // Text dropped into a field is the field's business.
  if (e.target instanceof HTMLElement && e.target.closest('input, textarea, [contenteditable]')) return false;
  const types = e.dataTransfer?.types;
  return (
    !!types && (types.includes('Files') || types.includes('text/uri-list') || types.includes('text/plain'))
  );
}

/** Drop a scenario file (or a playground link) anywhere on the page to open it. */
export function DropZone() {
  const [over, setOver] = useState(false);
  const { importFile, importText } = useActions();
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesImportable(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overHandler = (e: DragEvent) => {
      if (!carriesImportable(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesImportable(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const dt = e.dataTransfer;
      if (!dt) return;
      const file = dt.files[0];
      if (file) {
        void importFile(file);
        return;
      }
      const text = dt.getData('text/uri-list') || dt.getData('text/plain');
      if (text) void importText(text, 'the dropped text');
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFile, importText]);
  if (!over) return null;
  return (
    <div className="drop-zone" data-testid="drop-zone" aria-hidden="true">
      <p>Drop a scenario file (.json) or a playground link to open it</p>
    </div>
  );
}
