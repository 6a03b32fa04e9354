export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new ULID (monotonic within a process). */
  next(): string;
}
