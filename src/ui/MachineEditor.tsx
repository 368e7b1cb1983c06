import { useState } from 'react';
import {
  VARIANT_SWITCHES,
  switchValues,
  variantWith,
  type Backing,
  type PageConfig,
  type Scenario,
  type ScenarioConfig,
  type TaskConfig,
  type Variant,
} from '../engine';
import { useActions, useApp } from '../store/appStore';
import { editedScenario } from './editScenario';
import { ModalDialog } from './ModalDialog';

const MAX_VCPUS = 16;

function clampInt(text: string, lo: number, hi: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}

function newTask(existing: TaskConfig[]): TaskConfig {
  let n = existing.length;
  while (existing.some((t) => t.name === `task${n}`)) n++;
  return { name: `task${n}`, mode: 'user', preemptible: true, irqsOff: false, fixup: false };
}

function newPage(existing: PageConfig[]): PageConfig {
  const max = existing.reduce((m, p) => Math.max(m, parseInt(p.gpa.slice(2), 16)), 0);
  return { gpa: '0x' + (max + 0x1000).toString(16), backing: 'swapped', latency: 20, suppressVe: false };
}

/** The form: a draft config edited locally, applied as a new scenario at step 0. */
function EditorForm({ scenario }: { scenario: Scenario }) {
  const { applyScenarioEdit, setPanel } = useActions();
  const [draft, setDraft] = useState<ScenarioConfig>(() => structuredClone(scenario.config));
  const [refusal, setRefusal] = useState<string | null>(null);
  const update = (change: Partial<ScenarioConfig>) => setDraft((d) => ({ ...d, ...change }));
  const setVariant = (change: Partial<Variant>) => update({ variant: { ...draft.variant, ...change } });
  const setTask = (v: number, t: number, change: Partial<TaskConfig>) =>
    update({
      vcpus: draft.vcpus.map((vc, vi) =>
        vi !== v ? vc : { tasks: vc.tasks.map((task, ti) => (ti !== t ? task : { ...task, ...change })) },
      ),
    });
  const setPage = (p: number, change: Partial<PageConfig>) =>
    update({ pages: draft.pages.map((page, pi) => (pi !== p ? page : { ...page, ...change })) });
  const setVcpuCount = (n: number) => {
    const vcpus = draft.vcpus.slice(0, n);
    while (vcpus.length < n)
      vcpus.push({ tasks: [{ name: 'app', mode: 'user', preemptible: true, irqsOff: false, fixup: false }] });
    update({ vcpus });
  };
  const apply = () => setRefusal(applyScenarioEdit(editedScenario(scenario, draft)));

  return (
    <form
      className="editor-form"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <fieldset>
        <legend>Machine</legend>
        <label>
          vCPUs (1–{MAX_VCPUS}){' '}
          <input
            type="number"
            min={1}
            max={MAX_VCPUS}
            value={draft.vcpus.length}
            onChange={(e) => setVcpuCount(clampInt(e.target.value, 1, MAX_VCPUS))}
          />
        </label>
        <label>
          N_ENTRIES (1–64){' '}
          <input
            type="number"
            min={1}
            max={64}
            value={draft.entries}
            onChange={(e) => update({ entries: clampInt(e.target.value, 1, 64) })}
          />
        </label>
        <label>
          scheduler{' '}
          <select
            value={draft.scheduler}
            onChange={(e) => update({ scheduler: e.target.value as ScenarioConfig['scheduler'] })}
          >
            <option value="round-robin">round-robin</option>
            <option value="random">random</option>
            <option value="manual">manual</option>
          </select>
        </label>
        <label>
          seed{' '}
          <input
            type="number"
            min={0}
            value={draft.seed}
            onChange={(e) => update({ seed: clampInt(e.target.value, 0, 2 ** 32 - 1) })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Variant (protocol.md §3; defaults = the mail as written)</legend>
        {VARIANT_SWITCHES.map((sw) => {
          const [mail, other] = switchValues(sw);
          const value = draft.variant[sw.name];
          return typeof mail === 'boolean' ? (
            <label key={sw.name} title={sw.shows}>
              <input
                type="checkbox"
                checked={value === true}
                onChange={(e) => setVariant(variantWith(sw.name, e.target.checked))}
              />{' '}
              {sw.name}
            </label>
          ) : (
            <label key={sw.name} title={sw.shows}>
              {sw.name}{' '}
              <select
                value={String(value)}
                onChange={(e) =>
                  setVariant(variantWith(sw.name, e.target.value === String(other) ? other : mail))
                }
              >
                <option value={String(mail)}>{String(mail)}</option>
                <option value={String(other)}>{String(other)}</option>
              </select>
            </label>
          );
        })}
      </fieldset>
      {draft.vcpus.map((vc, v) => (
        <fieldset key={v}>
          <legend>vCPU {v} tasks</legend>
          {vc.tasks.map((t, ti) => (
            <div className="editor-row" key={ti}>
              <input
                aria-label={`vCPU ${v} task ${ti} name`}
                value={t.name}
                onChange={(e) => setTask(v, ti, { name: e.target.value })}
              />
              <select
                aria-label={`vCPU ${v} task ${ti} mode`}
                value={t.mode}
                onChange={(e) =>
                  setTask(v, ti, {
                    mode: e.target.value as TaskConfig['mode'],
                    preemptible: e.target.value === 'user' ? true : t.preemptible,
                  })
                }
              >
                <option value="user">user</option>
                <option value="kernel">kernel</option>
              </select>
              <label>
                <input
                  type="checkbox"
                  checked={t.preemptible}
                  disabled={t.mode === 'user'}
                  onChange={(e) => setTask(v, ti, { preemptible: e.target.checked })}
                />{' '}
                preemptible
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={t.irqsOff}
                  onChange={(e) => setTask(v, ti, { irqsOff: e.target.checked })}
                />{' '}
                IF=0
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={t.fixup}
                  onChange={(e) => setTask(v, ti, { fixup: e.target.checked })}
                />{' '}
                fixup
              </label>
              <button
                type="button"
                disabled={vc.tasks.length <= 1}
                onClick={() =>
                  update({
                    vcpus: draft.vcpus.map((x, xi) =>
                      xi !== v ? x : { tasks: x.tasks.filter((_, k) => k !== ti) },
                    ),
                  })
                }
              >
                Remove task
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              update({
                vcpus: draft.vcpus.map((x, xi) => (xi !== v ? x : { tasks: [...x.tasks, newTask(x.tasks)] })),
              })
            }
          >
            Add task
          </button>
        </fieldset>
      ))}
      <fieldset>
        <legend>Pages</legend>
        {draft.pages.map((p, pi) => (
          <div className="editor-row" key={pi}>
            <input
              aria-label={`page ${pi} gpa`}
              className="mono"
              value={p.gpa}
              onChange={(e) => setPage(pi, { gpa: e.target.value })}
            />
            <select
              aria-label={`page ${pi} backing`}
              value={p.backing}
              onChange={(e) => setPage(pi, { backing: e.target.value as Backing })}
            >
              <option value="present">present</option>
              <option value="swapped">swapped</option>
              <option value="lost">lost</option>
            </select>
            <label>
              latency{' '}
              <input
                type="number"
                min={0}
                value={p.latency}
                onChange={(e) => setPage(pi, { latency: clampInt(e.target.value, 0, 1e6) })}
              />
            </label>
            <label>
              <input
                type="checkbox"
                checked={p.suppressVe}
                onChange={(e) => setPage(pi, { suppressVe: e.target.checked })}
              />{' '}
              suppress-#VE
            </label>
            <button type="button" onClick={() => update({ pages: draft.pages.filter((_, k) => k !== pi) })}>
              Remove page
            </button>
          </div>
        ))}
        <button type="button" onClick={() => update({ pages: [...draft.pages, newPage(draft.pages)] })}>
          Add page
        </button>
      </fieldset>
      {refusal && (
        <p className="editor-refusal" role="alert">
          ⚠ {refusal}
        </p>
      )}
      <div className="editor-actions">
        <button type="submit">Apply and restart the run</button>
        <button type="button" onClick={() => setPanel('editor', false)}>
          Close
        </button>
      </div>
    </form>
  );
}

/** Side sheet (a modal dialog) for editing the machine; every edit becomes a new, validated scenario. */
export function MachineEditor() {
  const open = useApp((s) => s.panels.editor);
  const scenario = useApp((s) => s.scenario);
  const { setPanel } = useActions();
  if (!open || !scenario) return null;
  return (
    <ModalDialog onClose={() => setPanel('editor', false)} className="editor" labelledBy="editor-title">
      <h2 id="editor-title">Edit the machine</h2>
      <EditorForm key={JSON.stringify(scenario.config)} scenario={scenario} />
    </ModalDialog>
  );
}
