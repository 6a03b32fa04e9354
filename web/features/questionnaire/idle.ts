import { useEffect, useEffectEvent, useRef, useState } from 'react';

/** Patient mode asks "Are you still there?" after this long without a touch or a key. */
export const IDLE_DEFAULT_SECONDS = 180;
/** …and ends itself, wiping the answers, if nobody answers the prompt within this long. */
export const PROMPT_SECONDS = 30;
const IDLE_MIN_SECONDS = 10;
const IDLE_MAX_SECONDS = 600;
/** How often the clock is checked while the page is visible (deadlines are timestamps). */
const CHECK_EVERY_MS = 1_000;

/**
 * `?idleSeconds=N` shortens or lengthens the idle timeout (for tests and demos), within 10–600
 * seconds; anything else means the default.
 */
export function parseIdleSeconds(value: string | null): number {
  if (!value || !/^\d+$/.test(value)) return IDLE_DEFAULT_SECONDS;
  const seconds = Number(value);
  return seconds >= IDLE_MIN_SECONDS && seconds <= IDLE_MAX_SECONDS
    ? seconds
    : IDLE_DEFAULT_SECONDS;
}

export type IdleState = { kind: 'active' } | { kind: 'prompt'; secondsLeft: number };

/**
 * Watches for a patient walking away from the tablet. Everything is computed from the time of the
 * last touch or key, never from how long a timer has run: Safari throttles or suspends timers in a
 * backgrounded tab and while the screen is locked, so on coming back (visibilitychange, pageshow)
 * the clock is checked at once — a tablet hidden for longer than the idle timeout is idle on its
 * return, and one hidden past the prompt too ends at once.
 *
 * While the prompt shows, only `stillHere()` (the prompt's button) counts as an answer.
 */
export function useIdle({
  enabled,
  idleSeconds,
  onExpire,
}: {
  enabled: boolean;
  idleSeconds: number;
  onExpire: () => void;
}): { idle: IdleState; stillHere: () => void } {
  // Set when the watch starts (the effect below).
  const lastActivity = useRef(0);
  const [idle, setIdle] = useState<IdleState>({ kind: 'active' });
  const prompting = useRef(false);
  const expire = useEffectEvent(onExpire);

  const check = useEffectEvent(() => {
    const elapsed = Date.now() - lastActivity.current;
    const idleMs = idleSeconds * 1000;
    if (elapsed >= idleMs + PROMPT_SECONDS * 1000) {
      prompting.current = false;
      setIdle({ kind: 'active' });
      expire();
    } else if (elapsed >= idleMs) {
      prompting.current = true;
      const secondsLeft = Math.ceil((idleMs + PROMPT_SECONDS * 1000 - elapsed) / 1000);
      setIdle((s) =>
        s.kind === 'prompt' && s.secondsLeft === secondsLeft ? s : { kind: 'prompt', secondsLeft },
      );
    } else if (prompting.current) {
      prompting.current = false;
      setIdle({ kind: 'active' });
    }
  });

  useEffect(() => {
    if (!enabled) return;
    lastActivity.current = Date.now();
    const onActivity = () => {
      if (!prompting.current) lastActivity.current = Date.now();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    const activity = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;
    for (const type of activity) {
      window.addEventListener(type, onActivity, { capture: true, passive: true });
    }
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('pageshow', onVisible);
    const timer = window.setInterval(() => check(), CHECK_EVERY_MS);
    return () => {
      for (const type of activity) window.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pageshow', onVisible);
      window.clearInterval(timer);
      prompting.current = false;
      setIdle({ kind: 'active' });
    };
  }, [enabled]);

  const stillHere = () => {
    lastActivity.current = Date.now();
    prompting.current = false;
    setIdle({ kind: 'active' });
  };
  return { idle, stillHere };
}
