import { describe, expect, it } from 'vitest';
import { CONTEXTS } from '../../../adapters/container/contexts.js';
import { createZhongtai } from '../../../adapters/container/create-zhongtai.js';
import { subscriptionJobKind } from '../../../application/shared/subscriptions.js';
import { ManualClock } from '../../application/fulfilment-world.js';
import { startTestServer } from '../../support/http.js';
import { memoryPersistence } from '../../../adapters/persistence/memory/index.js';
import { NOTE_TEXTS, noteTextsBuilt, notesContext } from './notes-context.js';

describe('a new context wires itself by its manifest (issue #13)', () => {
  it('one line — [...CONTEXTS, notesContext] — gives zt.notes with typed use cases on its own memory store', async () => {
    const zt = createZhongtai({ contexts: [...CONTEXTS, notesContext] });
    const note = await zt.notes.write({ text: 'hello' });
    expect(note.text).toBe('hello');
    expect((await zt.notes.list()).map((n) => n.text)).toEqual(['hello']);
    // The facade's types come from the manifest: a wrong command does not compile.
    // @ts-expect-error write takes { text }
    expect(() => zt.notes.write({ body: 'x' })).toBeTypeOf('function');
    // The other contexts are there as before.
    expect((await zt.freight.getShopSettings({ shopId: 's' })).id).toBe('s');
  });

  it('its read model is registered from the manifest and built once per persistence, on first use (issue #13)', async () => {
    const persistence = memoryPersistence();
    expect(persistence.provides(NOTE_TEXTS)).toBe(false);
    expect(() => persistence.readModel(NOTE_TEXTS)).toThrow(/no read model notes\.texts in this persistence/);
    const before = noteTextsBuilt.count;
    const zt = createZhongtai({ persistence, contexts: [...CONTEXTS, notesContext] });
    expect(persistence.provides(NOTE_TEXTS)).toBe(true);
    await zt.notes.write({ text: 'read me' });
    expect(await zt.notes.texts.all()).toEqual(['read me']);
    expect(zt.notes.texts).toBe(persistence.readModel(NOTE_TEXTS));
    expect(noteTextsBuilt.count).toBe(before + 1);
  });

  it('its events carry ids; its subscription to a catalog event is delivered once per event, even when run again', async () => {
    const zt = createZhongtai({ contexts: [...CONTEXTS, notesContext] });
    const seen: (string | undefined)[] = [];
    zt.events.subscribe('notes.note.written', (e) => void seen.push(e.id));
    await zt.notes.write({ text: 'with an id' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^[0-9a-f-]{36}$/);

    const leaf = await zt.catalog.createCategory({ name: 'Tea' });
    const spu = await zt.catalog.createSpu({ title: 'Longjing', categoryId: leaf.id, salePrice: '1.00' });
    await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    expect(await zt.jobs.runUntilIdle()).toMatchObject({ failed: 0 });
    const listed = (await zt.notes.list()).filter((n) => n.text === `listed ${spu.id}`);
    expect(listed).toHaveLength(1);
    // At least once: the same delivery again writes nothing new (idempotent by the event's id).
    const noteId = listed[0]!.id;
    expect(noteId).toMatch(/^listed:[0-9a-f-]{36}$/);
    await zt.notes.write({ id: noteId, text: 'again' });
    expect((await zt.notes.list()).filter((n) => n.id === noteId).map((n) => n.text)).toEqual([`listed ${spu.id}`]);
    expect(subscriptionJobKind('notes.on-listed')).toBe('subscription:notes.on-listed');
  });

  it('the job kind it owns runs its handler; an early timer answers notBefore and runs at that time', async () => {
    const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));
    const zt = createZhongtai({ contexts: [...CONTEXTS, notesContext], clock });
    const note = await zt.notes.write({ text: 'call back', remindInMs: 60_000 });
    expect(await zt.jobs.runDue()).toEqual({ ran: 0, failed: 0 });
    clock.advance(60_000);
    expect(await zt.jobs.runDue()).toEqual({ ran: 1, failed: 0 });
    expect((await zt.notes.list()).map((n) => n.text)).toContain(`remember ${note.id}`);
  });

  it('its routes are served and documented by the router of that zhongtai', async () => {
    const s = await startTestServer(undefined, { contexts: [...CONTEXTS, notesContext] });
    try {
      const created = await s.request('POST', '/notes', { token: s.memberToken, body: { text: 'over HTTP' } });
      expect(created.status).toBe(201);
      expect(created.body.text).toBe('over HTTP');
      const empty = await s.request('POST', '/notes', { token: s.memberToken, body: { text: ' ' } });
      expect([empty.status, empty.body.code]).toEqual([422, 'NOTES.EMPTY']);
      const doc = (await s.request('GET', '/openapi.json')).body;
      expect(doc.paths['/notes'].post['x-error-codes']).toContain('NOTES.EMPTY');
    } finally {
      await s.close();
    }
  });
});
