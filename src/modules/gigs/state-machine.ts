/** How a transition happens: a user's request, a scheduled sweep, or a domain event of another module. */
export type Trigger = 'route' | 'sweep' | 'event';

export interface Transition<S extends string> {
  /** The name the services ask for (`sourcesOf(machine, 'approve')`). */
  action: string;
  from: readonly S[];
  to: S;
  by: Trigger;
  /** States other machines' records must be in for this transition (checked in the same transaction). */
  requires?: readonly Requirement[];
}

export interface Requirement {
  machine: StateMachine<string>;
  states: readonly string[];
}

/** A state machine as data: its states, the final ones, and every way from one state to another. */
export interface StateMachine<S extends string> {
  name: string;
  states: readonly S[];
  /** States a record rests in for good (or, for a cycle like the work state, the resting state). */
  final: readonly S[];
  transitions: readonly Transition<S>[];
}

export function defineMachine<S extends string>(machine: StateMachine<S>): StateMachine<S> {
  for (const t of machine.transitions) {
    for (const state of [...t.from, t.to]) {
      if (!machine.states.includes(state)) throw new Error(`${machine.name}: ${t.action} names the unknown state ${state}`);
    }
  }
  if (new Set(machine.transitions.map((t) => t.action)).size !== machine.transitions.length) throw new Error(`${machine.name}: an action is declared twice`);
  return machine;
}

function transition<S extends string>(machine: StateMachine<S>, action: string): Transition<S> {
  const found = machine.transitions.find((t) => t.action === action);
  if (!found) throw new Error(`${machine.name} has no action ${action}`);
  return found;
}

/** The states `action` may start from. */
export const sourcesOf = <S extends string>(machine: StateMachine<S>, action: string): S[] => [...transition(machine, action).from];

/** The state `action` leads to. */
export const targetOf = <S extends string>(machine: StateMachine<S>, action: string): S => transition(machine, action).to;

export const canApply = <S extends string>(machine: StateMachine<S>, state: S, action: string): boolean => transition(machine, action).from.includes(state);

export const isFinal = <S extends string>(machine: StateMachine<S>, state: S): boolean => machine.final.includes(state);

/** The states that are not final: a record in one of them still has a way to go. */
export const openStates = <S extends string>(machine: StateMachine<S>): S[] => machine.states.filter((s) => !machine.final.includes(s));

/** Every state reachable from `from` (itself included) through the machine's transitions. */
export function reachableFrom<S extends string>(machine: StateMachine<S>, from: S): Set<S> {
  const seen = new Set<S>([from]);
  const queue: S[] = [from];
  while (queue.length) {
    const state = queue.shift()!;
    for (const t of machine.transitions) {
      if (t.from.includes(state) && !seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
}

/** States from which no route, sweep or event leads to any of `targets` (default: the final states). */
export function deadEnds<S extends string>(machine: StateMachine<S>, targets: readonly string[] = machine.final): S[] {
  return machine.states.filter((state) => ![...reachableFrom(machine, state)].some((s) => targets.includes(s)));
}
