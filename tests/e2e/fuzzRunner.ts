/**
 * The in-page side of the fuzz suite: one function that Playwright sends into the page
 * (`page.evaluate(runInputs, …)`), so that thousands of inputs go through the app's own input
 * paths without a navigation each. It must be self-contained (it is serialised into the page).
 *
 * For each input it waits on acknowledgements, each within a bound (a bound exceeded is a hang,
 * reported as a failure): the app's `hashchange` handler ran (listeners run in the order they were
 * added, the app's first), the import answered (the store shows the new run, or a refusal naming
 * the file), and the worker answered every command (`__vePlayground.settled()`). Then it checks
 * what the user sees, and returns the failures instead of throwing, so one run reports them all.
 */
import type { FileBody, HostileFile, HostileLink } from './fuzzInputs';

export type FuzzInput = ({ type: 'link' } & HostileLink) | ({ type: 'file' } & HostileFile);

export interface FuzzReport {
  failures: string[];
  opened: number;
  refused: number;
  ignored: number;
  noted: number;
  /** Links equal to the address already (no hashchange): should stay 0. */
  skipped: number;
  /** Per kind of input: how many, and the milliseconds they took in all. */
  time: Record<string, [number, number]>;
}

export async function runInputs(args: {
  inputs: FuzzInput[];
  first: number;
  boundMs: number;
  pingEvery: number;
}): Promise<FuzzReport> {
  const { inputs, first, boundMs, pingEvery } = args;
  const hook = window.__vePlayground;
  const report: FuzzReport = {
    failures: [],
    opened: 0,
    refused: 0,
    ignored: 0,
    noted: 0,
    skipped: 0,
    time: {},
  };
  if (!hook) return { ...report, failures: ['no test hooks: not a test build'] };
  const st = hook.state;
  const byId = (id: string) => document.querySelector(`[data-testid="${id}"]`);
  const textOf = (id: string) => byId(id)?.textContent ?? null;
  const titleShown = () => document.querySelector('.scenario-title')?.textContent ?? null;

  /** Waits until `holds()`, re-checking on every DOM change and every 20 ms; false past the bound. */
  const until = (holds: () => boolean): Promise<boolean> =>
    new Promise((resolve) => {
      if (holds()) {
        resolve(true);
        return;
      }
      const done = (ok: boolean) => {
        observer.disconnect();
        clearInterval(tick);
        clearTimeout(deadline);
        resolve(ok);
      };
      const check = () => {
        if (holds()) done(true);
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      const tick = setInterval(check, 20);
      const deadline = setTimeout(() => done(holds()), boundMs);
    });
  const within = (promise: Promise<unknown>): Promise<boolean> =>
    Promise.race([
      promise.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), boundMs)),
    ]);

  const blob = (body: FileBody): Blob => {
    if ('text' in body) return new Blob([body.text]);
    if ('base64' in body) return new Blob([Uint8Array.from(atob(body.base64), (c) => c.charCodeAt(0))]);
    return new Blob(body.repeat.map(([piece, count]) => piece.repeat(count)));
  };
  const drop = (dt: DataTransfer) => {
    const target = document.querySelector('main') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  };

  for (const [k, input] of inputs.entries()) {
    const where = `#${first + k} ${input.type} ${input.kind} (${input.expect})`;
    const fail = (what: string) => report.failures.push(`${where}: ${what}`);
    const before = { scenario: st().scenario, step: st().step, title: titleShown() };
    const started = performance.now();
    let assigned: string | null = null;

    if (input.type === 'link') {
      const hrefBefore = location.href;
      let heard = () => {};
      const answered = new Promise<void>((resolve) => (heard = resolve));
      window.addEventListener('hashchange', heard, { once: true });
      location.hash = input.hash;
      if (location.href === hrefBefore) {
        window.removeEventListener('hashchange', heard);
        report.skipped++;
        continue;
      }
      assigned = location.hash;
      if (!(await within(answered))) {
        fail('hang: no hashchange answer');
        break;
      }
    } else {
      const file = new File([blob(input.body)], input.name, { type: 'application/json' });
      const dt = new DataTransfer();
      if (input.via === 'drop-text') {
        dt.setData('text/plain', 'text' in input.body ? input.body.text : '');
        drop(dt);
      } else {
        dt.items.add(file);
        if (input.via === 'drop') drop(dt);
        else {
          const picker = byId('import-file') as HTMLInputElement | null;
          if (!picker) {
            fail('no file input');
            break;
          }
          picker.files = dt.files;
          picker.dispatchEvent(new Event('change', { bubbles: true }));
        }
        const answered = await until(
          () => st().scenario !== before.scenario || (st().inputError ?? '').includes(input.name),
        );
        if (!answered) {
          fail('hang: the import never answered');
          break;
        }
      }
    }
    if (!(await within(hook.settled()))) {
      fail('hang: the worker did not answer');
      break;
    }

    const s = st();
    const opened = s.scenario !== before.scenario;
    const refused = !opened && s.inputError !== null;
    if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype was polluted');
    if (s.workerError) fail(`worker error: ${s.workerError}`);
    if (!byId('vcpu-0') || (document.getElementById('root')?.childElementCount ?? 0) === 0)
      fail('blank page');

    if (opened) {
      report.opened++;
      if (input.expect === 'refuse' || input.expect === 'ignore') fail('a run opened');
      if (s.inputError !== null) fail(`opened with an error: ${s.inputError}`);
      const title = s.scenario?.title ?? 'VE Playground';
      if (input.title !== undefined && title !== input.title) fail(`opened "${title}", not "${input.title}"`);
      if (input.type === 'link' && input.at !== undefined && s.step > input.at)
        fail(`at step ${s.step} > ${input.at}`);
      if (input.type === 'link' && input.note) {
        report.noted++;
        if (s.inputNote === null) fail('no note about the ignored &at=');
        else if (!(await until(() => (textOf('input-note') ?? '').includes(s.inputNote ?? ''))))
          fail('note not shown');
      }
      const shown = await until(
        () =>
          textOf('step-counter') === String(st().step) && titleShown() === title && byId('error') === null,
      );
      if (!shown)
        fail(`not shown: counter ${textOf('step-counter')} (store ${st().step}), title ${titleShown()}`);
    } else if (refused) {
      report.refused++;
      if (input.expect === 'open') fail(`refused: ${s.inputError}`);
      if (s.step !== before.step) fail(`the run moved from step ${before.step} to ${s.step}`);
      const message = s.inputError ?? '';
      if (message.trim().length < 10) fail(`no clear message: "${message}"`);
      if (input.type === 'file' && input.via !== 'drop-text' && !message.includes(input.name))
        fail(`the message does not name the file: ${message.slice(0, 120)}`);
      const shown = await until(
        () =>
          (textOf('error') ?? '').includes(message) &&
          textOf('step-counter') === String(before.step) &&
          titleShown() === before.title,
      );
      if (!shown)
        fail(`refusal not shown, or the run changed: ${textOf('error')?.slice(0, 80)} / ${titleShown()}`);
      if (assigned !== null && location.hash !== assigned) fail('the refused link left the address bar');
    } else {
      report.ignored++;
      if (input.expect !== 'ignore' && input.expect !== 'either') fail('neither a run nor a message');
      if (s.step !== before.step || titleShown() !== before.title) fail('the run changed');
    }

    const spent = (report.time[input.kind] ??= [0, 0]);
    spent[0]++;
    spent[1] += performance.now() - started;

    // The page answers the next command: Step (or Back at the end of a run) reaches the worker.
    if ((k + 1) % pingEvery === 0) {
      const button = (document.querySelector('[data-action="step"]:not(:disabled)') ??
        document.querySelector('[data-action="back"]:not(:disabled)')) as HTMLButtonElement | null;
      if (button) {
        button.click();
        if (!(await within(hook.settled()))) {
          fail('hang: Step/Back got no answer');
          break;
        }
        if (!(await until(() => textOf('step-counter') === String(st().step))))
          fail('the counter did not follow');
      }
    }
  }
  return report;
}
