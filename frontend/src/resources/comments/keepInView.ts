// Landing on a link's target in a page that is still drawing itself.

/** Scrolls to `el`, and keeps it there for up to two seconds while what is above it still
 *  grows (charts and tables drawn as their data arrives), unless the reader scrolls first. */
export function keepInView(el: HTMLElement | null) {
  if (!el?.scrollIntoView) return;
  el.scrollIntoView();
  let stopped = false;
  const stop = () => {
    stopped = true;
  };
  const events = ["wheel", "touchstart", "keydown", "mousedown"] as const;
  events.forEach((e) => window.addEventListener(e, stop, { passive: true, once: true }));
  const started = performance.now();
  const tick = () => {
    if (stopped || !el.isConnected || performance.now() - started > 2000) {
      events.forEach((e) => window.removeEventListener(e, stop));
      return;
    }
    if (Math.abs(el.getBoundingClientRect().top) > 2) el.scrollIntoView();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
