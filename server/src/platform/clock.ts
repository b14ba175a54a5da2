// The one source of "now". Tests move time with setClock; production code never calls new Date() for business time.
let offsetMs = 0;
let fixed: Date | null = null;

export function now(): Date {
  return fixed ? new Date(fixed) : new Date(Date.now() + offsetMs);
}

export const clock = {
  set(at: Date) {
    fixed = new Date(at);
  },
  advance(ms: number) {
    if (fixed) fixed = new Date(fixed.getTime() + ms);
    else offsetMs += ms;
  },
  reset() {
    fixed = null;
    offsetMs = 0;
  },
  /** The time the clock is held at, or null when it runs (tests key their seeded templates by it). */
  fixedAt(): Date | null {
    return fixed ? new Date(fixed) : null;
  },
};
