import { useActions, useApp } from '../store/appStore';
import { ModalDialog } from './ModalDialog';

/** protocol.md §7: what the model leaves out, so nobody mistakes it for the whole story. */
const LEFT_OUT = [
  'An EPT violation during event delivery (pushing the #VE or completion frame onto a stack page that is not present) is always a VM exit, even with busy == 0. The model has no stack pages.',
  'A real host must set suppress-#VE on every not-present EPT entry it creates, or zeroed entries convert to #VE; the bit is read from the entry where the walk stops (a not-present PDE covers 2 MiB). The model keeps one bit per page, clear by default.',
  'NMIs are not modelled: on VMX they are not blocked while the handler runs, so an NMI after the re-arm whose handler faults nests a second #VE on the same stack. TDX blocks NMIs until the info is read, and a #VE before that is a #DF.',
  'Stacks and IST: a real #VE handler needs an IST stack and must leave it before parking a task.',
  "The completion has no acknowledgement (KVM's page-ready interrupt has one token slot and an ACK MSR); the model's host-current-consumed invariant holds only because of the IF=1 rule.",
  '#VE exists only on Intel; AMD would need software-injected events.',
];

export function AboutDialog() {
  const { setPanel } = useActions();
  const open = useApp((s) => s.panels.about);
  const description = useApp((s) => s.scenario?.description ?? null);
  if (!open) return null;
  return (
    <ModalDialog onClose={() => setPanel('about', false)} labelledBy="about-title" testId="about-dialog">
      <h2 id="about-title">About the model</h2>
      <p>
        A step-by-step model of the #VE-based asynchronous page-fault protocol Thomas Gleixner sketched for
        KVM on LKML (April 2020, "Re: [PATCH v2] x86/kvm: Disable KVM_ASYNC_PF_SEND_ALWAYS"). Each step is one
        line of the mail or one hardware / host event; the same scenario always gives the same run.
      </p>
      <p>
        The #VE handler exists from hw.ve on: hw.access only decides on the #VE, and a page clicked in between
        is touched by the code that faulted, once the handler returns. A woken task runs at once when its vCPU
        is halted or runs a preemptible task at task level, otherwise when it gets there or the current task
        parks. A task with nothing to do yields: at the start of each tick it hands its vCPU to a task of that
        vCPU that still has an access to make or a handler to finish, so no work is left undone when a run
        comes to rest. In user mode a task is always preemptible with interrupts on; preemptible and IF=0 act
        in kernel mode only.
      </p>
      {description && <p className="about-scenario">This scenario: {description}</p>}
      <h3>What the model leaves out</h3>
      <ul>
        {LEFT_OUT.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <button type="button" autoFocus onClick={() => setPanel('about', false)}>
        Close
      </button>
    </ModalDialog>
  );
}
