// The simulated clock. Time advances only when the runner says so; each node sees the reference
// time plus its own offset (clock skew).
export class SimClock {
  private ms: number;
  constructor(start: Date) { this.ms = start.getTime(); }
  advance(ms: number): void { this.ms += ms; }
  reference(): Date { return new Date(this.ms); }
  at(offsetSeconds: number): Date { return new Date(this.ms + offsetSeconds * 1000); }
}

/** ISO 8601 without milliseconds noise: 2016-10-12T09:00:00.000Z */
export const iso = (d: Date): string => d.toISOString();
