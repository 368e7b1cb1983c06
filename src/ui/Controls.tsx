import { ActionButton } from '../actions/ActionButton';
import { useActions, useApp } from '../store/appStore';
import { InputNote } from './share/InputNote';
import { RestoreBanner } from './share/RestoreBanner';
import { downloadScenario } from './share/scenarioFile';

/** The slider's top value means "as fast as the worker can go". */
const SPEED_MAX = 1000;

/** Step / Back / Play / Reset / Share (buttons of the action registry) and the speed. */
export function Controls() {
  const { setSpeed } = useActions();
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const stepNo = useApp((s) => s.step);
  const rate = useApp((s) => s.stepsPerSecond);
  const shareUrl = useApp((s) => s.shareUrl);
  const shareRefusal = useApp((s) => s.shareRefusal);
  const scenario = useApp((s) => s.scenario);
  const sliderValue = speed === 'max' ? SPEED_MAX : speed;
  return (
    <div className="controls" role="toolbar" aria-label="playback">
      <ActionButton id="back">
        ◀ <span>Back</span>
      </ActionButton>
      <ActionButton id="step">
        <span>Step</span> ▶
      </ActionButton>
      <ActionButton id="toggle-play" className="play">
        <span aria-hidden="true">{playing ? '‖ ' : '▶ '}</span>
        <span>{playing ? 'Pause' : 'Play'}</span>
      </ActionButton>
      <ActionButton id="reset">
        ⟲ <span>Reset</span>
      </ActionButton>
      <ActionButton id="undo-click">
        ↶ <span>Undo click</span>
      </ActionButton>
      <ActionButton id="clear-clicks">
        ⌫ <span>Clear clicks</span>
      </ActionButton>
      <label className="speed">
        <input
          type="range"
          aria-label="speed"
          aria-valuetext={speed === 'max' ? 'maximum steps per second' : `${speed} steps per second`}
          min={1}
          max={SPEED_MAX}
          value={sliderValue}
          onChange={(e) => {
            const v = Number(e.target.value);
            setSpeed(v >= SPEED_MAX ? 'max' : v);
          }}
        />
        <span className="speed-text">{speed === 'max' ? 'max' : `${speed}/s`}</span>
      </label>
      {/* The slider is linear in steps per second; these reach the usual lecture speeds in one click. */}
      <span className="speed-presets">
        {([1, 4, 20, 'max'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-label={v === 'max' ? 'speed max' : `speed ${v}/s`}
            aria-pressed={speed === v}
            onClick={() => setSpeed(v)}
          >
            {v === 'max' ? 'max' : `${v}/s`}
          </button>
        ))}
      </span>
      <span className="step-box">
        step <b data-testid="step-counter">{stepNo}</b>
        {playing && rate > 0 && <span className="rate"> ({rate}/s)</span>}
      </span>
      <ActionButton id="share">
        ↗ <span>Share</span>
      </ActionButton>
      {shareUrl !== null && (
        <input
          className="share-url"
          data-testid="share-url"
          aria-label="shared URL"
          readOnly
          value={shareUrl}
          onFocus={(e) => e.target.select()}
        />
      )}
      {shareRefusal !== null && (
        <span className="share-refused" data-testid="share-refused" role="status">
          {shareRefusal}{' '}
          <button type="button" onClick={() => scenario && downloadScenario(scenario)} disabled={!scenario}>
            ⤓ Export file
          </button>
        </span>
      )}
      <InputNote />
      <RestoreBanner />
    </div>
  );
}
