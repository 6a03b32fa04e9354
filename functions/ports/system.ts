export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new ULID (monotonic within a process). */
  next(): string;
}

/** Structured operational log. Ids, codes and error names only: never PHI (names, answers, notes). */
export interface Log {
  warn(message: string, fields?: Record<string, unknown>): void;
}
