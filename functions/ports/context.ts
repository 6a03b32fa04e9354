import type { MeetingsPort, PushPort } from './realtime';
import type { Store } from './store';
import type { Clock, IdGenerator, Log } from './system';

/** Everything a service needs from the outside world. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  meetings: MeetingsPort;
  push: PushPort;
  log: Log;
}

/** Who is asking (from verified token claims only) and with what. */
export interface RequestContext {
  actorId: string;
  requestId: string;
  deps: Deps;
}
