import { ContainerModule, type Container, type ServiceIdentifier } from 'inversify';
import type { JobRunner } from '../../application/shared/job-runner.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { eventOfJob, subscriptionJobKind } from '../../application/shared/subscriptions.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { MemoryPersistence } from '../persistence/memory/index.js';
import { registerMemoryBinding } from '../persistence/memory/memory-stores.js';
import type { AnyContext, ContextManifest, Exposed, UseCase, Wiring } from './module.js';
import { TOKENS } from './tokens.js';

type Facades = Record<string, Record<string, unknown>>;

/** The token of a context's use case (what hosts `container.get`): `zhongtai.<context>.<facade>.<use case>`. */
export const useCaseToken = (context: string, facade: string, name: string): ServiceIdentifier<UseCase | Exposed<unknown>> =>
  Symbol.for(`zhongtai.${context}.${facade}.${name}`);

/** The token of a context's deps object (what its use cases are built with): `zhongtai.<context>.Deps`. */
export const depsToken = <D = unknown>(context: string): ServiceIdentifier<D> => Symbol.for(`zhongtai.${context}.Deps`);

/**
 * One inversify module per context: its deps object, what it provides to other contexts, and each use
 * case as a singleton built from the deps (issue #13).
 */
export function contextModule(m: AnyContext, container: Container, options: Readonly<Record<string, unknown>>): ContainerModule {
  const base = [TOKENS.UnitOfWork, TOKENS.Clock, TOKENS.IdGenerator] as const;
  const wiring = (uow: UnitOfWork, clock: Clock, ids: IdGenerator): Wiring => ({
    uow,
    clock,
    ids,
    options,
    get: (token) => container.get(token),
    readModel: (key) => container.get<Persistence>(TOKENS.Persistence).readModel(key),
  });
  const context = m as ContextManifest<string, unknown, Readonly<Record<string, Readonly<Record<string, (d: unknown) => UseCase | Exposed<unknown>>>>>>;
  return new ContainerModule(({ bind }) => {
    bind(depsToken(m.name))
      .toResolvedValue((uow: UnitOfWork, clock: Clock, ids: IdGenerator) => context.deps(wiring(uow, clock, ids)), [...base])
      .inSingletonScope();
    for (const p of context.provides ?? []) {
      bind(p.token as ServiceIdentifier<unknown>)
        .toResolvedValue((uow: UnitOfWork, clock: Clock, ids: IdGenerator) => p.make(wiring(uow, clock, ids)), [...base])
        .inSingletonScope();
    }
    for (const [facade, useCases] of Object.entries(context.facades)) {
      for (const [name, make] of Object.entries(useCases)) {
        bind(useCaseToken(m.name, facade, name))
          .toResolvedValue((d: unknown) => make(d), [depsToken(m.name)])
          .inSingletonScope();
      }
    }
  });
}

/**
 * Wires the contexts' modules into the root: loads their container modules, registers their memory
 * stores and read models (and checks the persistence serves every one), builds their facades, and registers the jobs
 * and subscriptions they own. `routes` fills the subscription table the units of work route events by.
 */
export function composeContexts(
  contexts: readonly AnyContext[],
  root: { container: Container; persistence: Persistence; jobRunner: JobRunner; routes: Map<string, string[]>; options: Readonly<Record<string, unknown>> },
): Facades {
  const { container, persistence, jobRunner, routes } = root;
  for (const m of contexts) {
    for (const b of m.persistence?.memory ?? []) {
      const key = 'readModel' in b ? b.readModel : b.key;
      if (persistence.kind === 'memory' && !persistence.provides(key)) registerMemoryBinding(persistence as MemoryPersistence, b);
      if (!persistence.provides(key)) {
        throw new Error(`the ${persistence.kind} persistence does not serve context ${m.name}: open it with the same contexts as createZhongtai`);
      }
    }
    container.load(contextModule(m, container, root.options));
  }
  const facades: Facades = {};
  for (const m of contexts) {
    const own: Facades = {};
    for (const [facade, useCases] of Object.entries(m.facades as Readonly<Record<string, object>>)) {
      const f: Record<string, unknown> = {};
      own[facade] = f;
      for (const name of Object.keys(useCases)) {
        const member = container.get(useCaseToken(m.name, facade, name));
        f[name] = 'exposed' in member ? member.exposed : member.execute.bind(member);
      }
      if (facades[facade]) throw new Error(`two contexts add the facade ${facade}`);
      facades[facade] = f;
    }
    for (const [kind, handler] of Object.entries(m.jobs?.(own as never) ?? {})) jobRunner.register(kind, handler);
    for (const s of m.subscriptions?.(own as never) ?? []) {
      jobRunner.register(subscriptionJobKind(s.name), async (job) => s.handle(eventOfJob(job)));
      routes.set(s.on, [...(routes.get(s.on) ?? []), s.name]);
    }
  }
  return facades;
}
