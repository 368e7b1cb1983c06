/**
 * Actor colours: the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies). Colour is never the only cue: every coloured mark also carries the actor's name.
 */
const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442', '#999999'];

export function actorColor(actor: string): string {
  if (actor === 'host') return 'var(--host-color)';
  const index = Number(actor.replace('vcpu', ''));
  return OKABE_ITO[(Number.isFinite(index) ? index : 0) % OKABE_ITO.length];
}

export function vcpuActor(index: number): string {
  return `vcpu${index}`;
}
