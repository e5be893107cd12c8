/**
 * Where the content script's own main-thread time goes, for the benchmark (`pnpm bench
 * extension`). The controller only reports spans; the sink decides what to do with them. The
 * default sink adds them up and publishes the totals after each draw as the `zjmade:drawn`
 * user-timing mark, which the benchmark reads from the page (nothing leaves the page).
 */
export type MetricPart = 'find' | 'post' | 'draw' | 'observe';

export interface MetricsSink {
  /** `ms` of main-thread work spent on `part`. */
  spent(part: MetricPart, ms: number): void;
  /** A batch was drawn (`badges` new badges shown). */
  drawn(badges: number): void;
  /** Start-up: from the script's first module to the end of its set-up. */
  booted(ms: number): void;
}

export function performanceMarkSink(): MetricsSink {
  const totals: Record<MetricPart, number> = { find: 0, post: 0, draw: 0, observe: 0 };
  let bootMs = 0;
  return {
    spent(part, ms) {
      totals[part] += ms;
    },
    booted(ms) {
      bootMs = ms;
    },
    drawn(badges) {
      const workMs = totals.find + totals.post + totals.draw + totals.observe;
      const detail = { badges, workMs, drawMs: totals.draw, findMs: totals.find, postMs: totals.post, observeMs: totals.observe, bootMs };
      performance.mark('zjmade:drawn', { detail });
    },
  };
}

/** For tests and callers that do not measure. */
export const noMetrics: MetricsSink = { spent: () => undefined, drawn: () => undefined, booted: () => undefined };
