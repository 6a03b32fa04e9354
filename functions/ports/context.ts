import type { MeetingsPort, PushPort } from './realtime';
import type { Store } from './store';
import type { Clock, IdGenerator } from './system';

/** Everything a service needs from the outside world. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  meetings: MeetingsPort;
  push: PushPort;
}

/** Who is asking (from verified token claims only) and with what. */
export interface RequestContext {
  actorId: string;
  requestId: string;
  deps: Deps;
}
