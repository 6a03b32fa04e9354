/** Reading WebRTC stats reports (both providers): pure, so node tests cover them. */
import type { LinkSample } from './signal';

/** RTCStatsReport's shape as far as we read it (a Map of stats dictionaries). */
export interface StatsReportLike {
  forEach(callback: (stat: Record<string, unknown>) => void): void;
}

export const inboundBytesOf = (report: StatsReportLike | undefined): number => {
  let total = 0;
  report?.forEach((s) => {
    if (s.type === 'inbound-rtp' && typeof s.bytesReceived === 'number') total += s.bytesReceived;
  });
  return total;
};

/** The worst of every connection: one weak link is enough to offer audio only. */
export const linkSampleOf = (reports: StatsReportLike[]): LinkSample => {
  const sample: LinkSample = {};
  for (const report of reports) {
    report.forEach((s) => {
      const reason = s.qualityLimitationReason;
      if (s.type === 'outbound-rtp' && s.kind === 'video' && typeof reason === 'string') {
        if (reason !== 'none') sample.limitation = reason;
      }
      if (s.type === 'remote-inbound-rtp' && typeof s.fractionLost === 'number') {
        sample.fractionLost = Math.max(sample.fractionLost ?? 0, s.fractionLost);
      }
    });
  }
  return sample;
};
