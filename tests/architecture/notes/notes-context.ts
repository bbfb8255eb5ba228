// A tiny bounded context written the way every zhongtai context is (issue #13), to show that a context wires
// itself by its manifest: a domain aggregate, a store, use cases with a deps object, a memory store, a read
// model (built once by the persistence), a route, a job it owns and a subscription to another context's events. In the project each part would live in its
// own folder (domain/notes, application/notes, adapters/persistence/memory/notes, adapters/http/express/notes,
// adapters/container/notes.ts); here they share one file.
import { z } from 'zod';
import type { UseCaseDeps } from '../../../application/shared/deps.js';
import { readModelKey } from '../../../application/shared/read-model.js';
import { storeKey } from '../../../application/shared/store.js';
import type { CommittedEvent } from '../../../application/shared/subscriptions.js';
import { AggregateRoot } from '../../../domain/shared/domain-event.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { type BaseDeps, baseDeps, defineContext, exposed, memoryReadModel, memoryStore } from '../../../adapters/container/module.js';
import type { MemoryDatabase } from '../../../adapters/persistence/memory/memory-database.js';
import { route, type Route } from '../../../adapters/http/express/route.js';
import { wireObject } from '../../../adapters/http/express/wire/shared.js';
import type { MemoryTransactionState } from '../../../adapters/persistence/memory/memory-transaction.js';

// domain/notes
export interface NoteSnapshot {
  readonly id: string;
  readonly text: string;
  readonly version: number;
}

export class Note extends AggregateRoot {
  private constructor(private state: NoteSnapshot) {
    super();
  }
  static write(id: string, text: string, at: Date): Note {
    if (text.trim() === '') throw DomainError.invalid('NOTES.EMPTY', 'a note has some text');
    const note = new Note({ id, text, version: 0 });
    note.record({ type: 'notes.note.written', aggregateId: id, occurredAt: at, payload: { text } });
    return note;
  }
  static restore(s: NoteSnapshot): Note {
    return new Note(s);
  }
  toSnapshot(): NoteSnapshot {
    return this.state;
  }
}

// application/notes
export interface NotesStore {
  get(id: string): Promise<Note | null>;
  save(note: Note): Promise<void>;
  list(): Promise<Note[]>;
}
export const NOTES_STORE = storeKey<NotesStore>('notes');

/** The notes' read side: committed notes, outside any unit of work (`zt.notes.texts`). */
export interface NoteTexts {
  all(): Promise<string[]>;
}
export const NOTE_TEXTS = readModelKey<NoteTexts>('notes.texts');
export interface NotesDeps extends BaseDeps {
  readonly texts: NoteTexts;
}

export class WriteNote {
  constructor(private readonly d: UseCaseDeps) {}
  /** An `id` makes the write idempotent: a note under that id is written once. */
  execute(cmd: { readonly text: string; readonly id?: string; readonly remindInMs?: number }): Promise<NoteSnapshot> {
    return this.d.uow.run(async (tx) => {
      const notes = tx.use(NOTES_STORE);
      const known = cmd.id ? await notes.get(cmd.id) : null;
      if (known) return known.toSnapshot();
      const note = Note.write(cmd.id ?? this.d.ids.next(), cmd.text, this.d.clock.now());
      await notes.save(note);
      if (cmd.remindInMs !== undefined) {
        const runAt = new Date(this.d.clock.now().getTime() + cmd.remindInMs);
        await tx.jobs.schedule({ kind: 'notes.remind', key: `notes.remind:${note.toSnapshot().id}`, runAt, payload: { noteId: note.toSnapshot().id } });
      }
      return note.toSnapshot();
    });
  }
}

export class ListNotes {
  constructor(private readonly d: UseCaseDeps) {}
  execute(): Promise<NoteSnapshot[]> {
    return this.d.uow.run(async (tx) => (await tx.use(NOTES_STORE).list()).map((n) => n.toSnapshot()));
  }
}

// adapters/persistence/memory/notes: saving records the aggregate's pending events.
const memoryNotes = (tx: MemoryTransactionState): NotesStore => ({
  get: async (id) => {
    const s = tx.read<NoteSnapshot>('notes', id);
    return s ? Note.restore(s) : null;
  },
  save: async (note) => {
    tx.write('notes', note.toSnapshot());
    tx.record(note.pullEvents());
  },
  list: async () => tx.rows<NoteSnapshot>('notes').map((s) => Note.restore(s)),
});

// adapters/persistence/memory/notes: the read model, over the committed table (counted, to show it is built once).
export const noteTextsBuilt = { count: 0 };
const memoryNoteTexts = (db: MemoryDatabase): NoteTexts => {
  noteTextsBuilt.count += 1;
  return { all: async () => [...db.table('notes').values()].map((s) => (s as unknown as NoteSnapshot).text) };
};

// adapters/http/express/notes
const noteAnswer = wireObject({ id: z.string(), text: z.string(), version: z.number() });
const notesRoutes: Route[] = [
  route({
    method: 'post',
    path: '/notes',
    tag: 'notes',
    access: 'member',
    status: 201,
    body: z.object({ text: z.string().max(200) }).strict(),
    response: noteAnswer,
    errors: { 422: ['NOTES.EMPTY'] },
    summary: 'Writes a note',
    handler: ({ zt, body }) => (zt as unknown as { notes: { write: WriteNote['execute'] } }).notes.write(body),
  }),
];

// adapters/container/notes.ts: the manifest
export const notesContext = defineContext({
  name: 'notes',
  deps: (w): NotesDeps => ({ ...baseDeps(w), texts: w.readModel(NOTE_TEXTS) }),
  facades: { notes: { write: (d) => new WriteNote(d), list: (d) => new ListNotes(d), texts: (d) => exposed(d.texts) } },
  persistence: { memory: [memoryStore(NOTES_STORE, memoryNotes), memoryReadModel(NOTE_TEXTS, memoryNoteTexts)] },
  routes: notesRoutes,
  jobs: (self) => ({
    'notes.remind': async (job) =>
      void (await self.notes.write({ id: `reminder:${String(job.payload.noteId)}`, text: `remember ${String(job.payload.noteId)}` })),
  }),
  subscriptions: (self) => [
    {
      name: 'notes.on-listed',
      on: 'catalog.spu.listed',
      // Idempotent by the event's id: a second delivery finds its note written.
      handle: async (event: CommittedEvent) => void (await self.notes.write({ id: `listed:${event.id}`, text: `listed ${event.aggregateId}` })),
    },
  ],
});
