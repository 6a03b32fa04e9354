import type { ServerMessage } from '../../functions/contracts/realtime';
import type { PushPort } from '../../functions/ports/realtime';

export interface RecordingPush extends PushPort {
  /** Every message sent, with the connections it went to. */
  sent: { connectionIds: string[]; message: ServerMessage }[];
  /** Connections to report as gone on the next sends. */
  gone: Set<string>;
}

/** A push port that delivers to nobody and remembers what it was asked to deliver. */
export const recordingPush = (): RecordingPush => {
  const sent: RecordingPush['sent'] = [];
  const gone = new Set<string>();
  return {
    sent,
    gone,
    send: (connectionIds, message) => {
      sent.push({ connectionIds, message });
      return Promise.resolve({ gone: connectionIds.filter((id) => gone.has(id)) });
    },
  };
};
