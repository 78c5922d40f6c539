import { GIG_CYCLE } from './gig-machines.js';
import { deadEnds, openStates } from './state-machine.js';

describe('the state machines of the gig cycle', () => {
  it.each(GIG_CYCLE.map((machine) => [machine.name, machine] as const))('%s: every state leads to a final state (no dead end)', (_name, machine) => {
    expect(deadEnds(machine)).toEqual([]);
  });

  it.each(GIG_CYCLE.map((machine) => [machine.name, machine] as const))('%s: every open state has a way out', (_name, machine) => {
    const stuck = openStates(machine).filter((state) => !machine.transitions.some((t) => t.from.includes(state)));
    expect(stuck).toEqual([]);
  });

  const requirements = GIG_CYCLE.flatMap((machine) =>
    machine.transitions.flatMap((t) =>
      (t.requires ?? []).map((r) => [`${machine.name} ${t.action} needs ${r.machine.name} in ${r.states.join('|')}`, r] as const),
    ),
  );

  it.each(requirements)('%s: reachable from every state of that machine', (_label, requirement) => {
    expect(deadEnds(requirement.machine, requirement.states)).toEqual([]);
  });
});
