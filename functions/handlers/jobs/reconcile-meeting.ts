import * as z from 'zod';
import { getDeps } from '../../platform/container';
import { logger } from '../../platform/logger';
import { reconcileMeetingEnded } from '../../services/handoff-jobs';

/** The EventBridge "Chime Meeting State Change" event, as much of it as the reconciler reads. */
export const MeetingStateChange = z.object({
  'detail-type': z.literal('Chime Meeting State Change'),
  detail: z.object({
    eventType: z.string(),
    meetingId: z.string().min(1).max(128),
  }),
});

/**
 * Only chime:MeetingEnded matters (the rule may deliver others): the handoff of that meeting ends
 * if it is still live and the meeting is recorded as gone. An event that does not parse is logged
 * and dropped rather than retried forever.
 */
export const handler = async (event: unknown) => {
  const parsed = MeetingStateChange.safeParse(event);
  if (!parsed.success) {
    logger.warn('meeting event ignored: unexpected shape', {
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`),
    });
    return { result: 'ignored' as const };
  }
  const { eventType, meetingId } = parsed.data.detail;
  if (eventType !== 'chime:MeetingEnded') return { result: 'ignored' as const };
  const result = await reconcileMeetingEnded(getDeps(), meetingId);
  logger.info('meeting reconciled', { result });
  return { result };
};
