import { back, reset, setSpeed, share, step, togglePlay } from '../store/actions';
import { useApp } from '../store/appStore';

/** The slider's top value means "as fast as the worker can go". */
const SPEED_MAX = 1000;

/** Step / Back / Play / Reset / Share and the speed; keyboard shortcuts call the same actions. */
export function Controls() {
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const stepNo = useApp((s) => s.step);
  const stopped = useApp((s) => s.snapshot?.outcome != null);
  const rate = useApp((s) => s.stepsPerSecond);
  const shareUrl = useApp((s) => s.shareUrl);
  const sliderValue = speed === 'max' ? SPEED_MAX : speed;
  return (
    <div className="controls" role="toolbar" aria-label="playback">
      <button
        type="button"
        aria-label="Back"
        onClick={back}
        title="Back one step (←)"
        aria-keyshortcuts="ArrowLeft"
      >
        ◀ <span>Back</span>
      </button>
      <button
        type="button"
        aria-label="Step"
        onClick={step}
        disabled={stopped}
        title="Execute one step (Space or →)"
        aria-keyshortcuts="ArrowRight Space"
      >
        <span>Step</span> ▶
      </button>
      <button
        type="button"
        aria-label={playing ? 'Pause' : 'Play'}
        onClick={togglePlay}
        className="play"
        title="Run continuously (P)"
        aria-keyshortcuts="p"
      >
        <span aria-hidden="true">{playing ? '‖ ' : '▶ '}</span>
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        aria-label="Reset"
        onClick={reset}
        title="Back to step 0 (R)"
        aria-keyshortcuts="r"
      >
        ⟲ <span>Reset</span>
      </button>
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
      <button
        type="button"
        aria-label="Share"
        onClick={() => void share()}
        title="Copy a URL that reproduces this run"
      >
        ↗ <span>Share</span>
      </button>
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
    </div>
  );
}
