import { Link } from 'react-router';
import type { Slot } from '@lib/contracts';
import { joinableVideo, visitCallPath } from './schedule';

/** "Join video" on a booked video visit, shown from shortly before its start until its end. */
export function JoinVideo({ slot, now }: { slot: Slot; now: number }) {
  const bookingId = joinableVideo(slot, now);
  if (bookingId === undefined) return null;
  return (
    <Link
      className="button button-small button-primary"
      to={visitCallPath(slot.clinicId, bookingId)}
    >
      Join video
    </Link>
  );
}
