/**
 * Secure messages about a patient between the PCP, the BCM and the psychiatrist. Every read and
 * post is audited; bodies never go to logs or pushes (a push carries ids only).
 */
import type { ClinicId, Page, PageQuery } from '../contracts/common';
import type { PatientMessage } from '../contracts/registry';
import type { RequestContext } from '../ports/context';
import { auditEvent, auditedRead, authorizeFor } from './access';
import { pushToUsers } from './notify';
import { requirePatient } from './patients';
import { pageRequest } from './registry-views';

export const listPatientMessages = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  query: PageQuery,
): Promise<Page<PatientMessage>> => {
  const target = { resourceType: 'message', patientId } as const;
  return auditedRead(
    ctx,
    { action: 'message.read', auditAction: 'message.list', clinicId, target },
    async () => {
      await requirePatient(ctx, clinicId, patientId);
      return ctx.deps.store.messages.listForPatient(clinicId, patientId, pageRequest(query));
    },
  );
};

/** The care team of the patient's current (else most recent) episode: who a new message notifies. */
const careTeamOf = async (ctx: RequestContext, clinicId: ClinicId, patientId: string) => {
  const { episodes } = ctx.deps.store;
  const episode =
    (await episodes.getActive(clinicId, patientId)) ??
    (await episodes.listForPatient(clinicId, patientId))[0];
  return episode ? [episode.billingPractitionerId, episode.bcmId, episode.psychiatristId] : [];
};

export const sendPatientMessage = async (
  ctx: RequestContext,
  clinicId: ClinicId,
  patientId: string,
  body: string,
): Promise<PatientMessage> => {
  const target = { resourceType: 'message', patientId } as const;
  const { role } = await authorizeFor(ctx, 'message.send', clinicId, target);
  await requirePatient(ctx, clinicId, patientId);
  const { deps } = ctx;
  const message: PatientMessage = {
    messageId: deps.ids.next(),
    clinicId,
    patientId,
    from: ctx.actorId,
    fromRole: role,
    body,
    at: deps.clock.now().toISOString(),
  };
  await deps.store.messages.create(
    message,
    auditEvent(ctx, clinicId, 'message.create', { ...target, resourceId: message.messageId }),
  );
  const recipients = (await careTeamOf(ctx, clinicId, patientId)).filter(
    (userId) => userId !== ctx.actorId,
  );
  await pushToUsers(deps, recipients, {
    type: 'message.posted',
    clinicId,
    patientId,
    messageId: message.messageId,
  });
  return message;
};
