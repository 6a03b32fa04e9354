/**
 * The call screen's one entry point: picks the provider from the join credentials. The Chime
 * client (and the ~1.5 MB SDK behind it) is a separate chunk, fetched only when a Chime call starts.
 */
import type { CallJoin } from '../contracts';
import { createLocalWebRtcClient } from './local-webrtc';
import type { CallClient, SignalChannel } from './types';

export type { CallClient, CallDevices, CallStatus, RemoteTile, SignalChannel } from './types';

export const createCallClient = async (
  join: CallJoin,
  signal: SignalChannel,
): Promise<CallClient> => {
  if (join.provider === 'chime') {
    const { createChimeCallClient } = await import('./chime');
    return createChimeCallClient(join);
  }
  return createLocalWebRtcClient(join, signal);
};
