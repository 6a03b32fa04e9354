/**
 * Restricted notes (psychotherapy notes, 42 CFR Part 2 SUD notes): kept in their own partition,
 * listed to the care team as "a note exists", with content only for the author until the patient's
 * authorization to share it is recorded (by the author).
 */
import type * as z from 'zod';
import type { ClinicId } from '../contracts/common';
import type {
  RestrictedNote,
  RestrictedNoteCreate,
  RestrictedNoteView,
} from '../contracts/registry';
import { DomainError } from '../domain/errors';
import type { RequestContext } from '../ports/context';
import { auditEvent, authorizeFor } from './access';
import { requirePatient } from './patients';

type View = z.infer<typeof RestrictedNoteView>;

/** Whether this reader may see the note's content: its author, or anyone once it is authorized. */
export const mayReadNote = (note: RestrictedNote, userId: string): boolean =>
  note.authorId === userId || note.authorization !== undefined;

const viewFor = (note: RestrictedNote, userId: string): View => ({
  ...note,
  body: mayReadNote(note, userId) ? note.body : null,
});

export const listRestrictedNotes = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
): Promise<{ items: View[] }> => {
  const target = { resourceType: 'restricted-note', patientId } as const;
  await authorizeFor(ctx, 'note.restricted.list', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  const notes = await ctx.deps.store.restrictedNotes.listForPatient(clinicId, patientId);
  await ctx.deps.store.audit.append(auditEvent(ctx, clinicId, 'restricted-note.list', target));
  return { items: notes.map((note) => viewFor(note, ctx.actorId)) };
};

export const createRestrictedNote = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  input: z.infer<typeof RestrictedNoteCreate>,
): Promise<View> => {
  const target = { resourceType: 'restricted-note', patientId } as const;
  await authorizeFor(ctx, 'note.restricted.write', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  const { ids, clock, store } = ctx.deps;
  const note: RestrictedNote = {
    noteId: ids.next(),
    clinicId,
    patientId,
    kind: input.kind,
    authorId: ctx.actorId,
    at: clock.now().toISOString(),
    body: input.body,
  };
  await store.restrictedNotes.create(
    note,
    auditEvent(ctx, clinicId, 'restricted-note.create', { ...target, resourceId: note.noteId }),
  );
  return viewFor(note, ctx.actorId);
};

/**
 * Records the patient's authorization to share the note. Only its author records it (they hold
 * the content and the patient's consent conversation); once recorded it cannot be recorded again.
 */
export const authorizeRestrictedNote = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  noteId: string,
  scope: string,
): Promise<View> => {
  const target = { resourceType: 'restricted-note', resourceId: noteId, patientId } as const;
  await authorizeFor(ctx, 'note.restricted.write', clinicId, target);
  const { store, clock } = ctx.deps;
  const note = await store.restrictedNotes.get(clinicId, patientId, noteId);
  if (!note) throw DomainError.notFound('Restricted note');
  if (note.authorId !== ctx.actorId) {
    await store.audit.append(
      auditEvent(ctx, clinicId, 'restricted-note.authorize', target, 'denied'),
    );
    throw DomainError.forbidden('Only the note’s author records the patient’s authorization');
  }
  if (note.authorization !== undefined) {
    throw DomainError.conflict('The authorization is already recorded');
  }
  const saved = await store.restrictedNotes.recordAuthorization(
    note,
    { recordedAt: clock.now().toISOString(), recordedBy: ctx.actorId, scope },
    auditEvent(ctx, clinicId, 'restricted-note.authorize', target),
  );
  return viewFor(saved, ctx.actorId);
};
