import {
  CheckNetworkTCPConnectivityFeedback,
  CheckNetworkUDPConnectivityFeedback,
  ConsoleLogger,
  DefaultDeviceController,
  DefaultMeetingReadinessChecker,
  DefaultMeetingSession,
  LogLevel,
} from 'amazon-chime-sdk-js';
import type { CallJoin } from '../contracts';
import { chimeConfiguration } from './chime-config';
import type { CheckResult } from './readiness';

/** Loaded lazily by readiness.ts: the SDK stays out of the first page. */
export const checkChimeNetwork = async (join: CallJoin): Promise<CheckResult> => {
  const logger = new ConsoleLogger('readiness', LogLevel.WARN);
  const devices = new DefaultDeviceController(logger, { enableWebAudio: false });
  const session = new DefaultMeetingSession(chimeConfiguration(join), logger, devices);
  const checker = new DefaultMeetingReadinessChecker(logger, session);
  try {
    const udp = await checker.checkNetworkUDPConnectivity();
    if (udp === CheckNetworkUDPConnectivityFeedback.Succeeded) return { state: 'ok' };
    const tcp = await checker.checkNetworkTCPConnectivity();
    return tcp === CheckNetworkTCPConnectivityFeedback.Succeeded
      ? { state: 'ok', detail: 'over TCP: the network blocks UDP, quality may be lower' }
      : {
          state: 'failed',
          reason: 'The video service cannot be reached from this network. Ask IT to allow it.',
        };
  } finally {
    await devices.destroy().catch(() => undefined);
  }
};
