import { useEffect, useEffectEvent, useId, useRef, useState, type ReactNode } from 'react';

/** How long the staff member holds the button to end patient mode. */
export const HOLD_MS = 2_000;

/**
 * A button that acts only when pressed and held for `HOLD_MS` (pointer, touch, or Space/Enter held
 * down), with visible progress; a tap or a click does nothing. Patient mode's exit is a deliberate
 * staff gesture a patient will not make by accident (with the staff PIN, or a new sign-in: see
 * StaffGate).
 */
export function HoldButton({
  className,
  children,
  onHeld,
}: {
  className?: string;
  children: ReactNode;
  onHeld: () => void;
}) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [progress, setProgress] = useState(0);
  const hintId = useId();
  const fired = useRef(false);
  const held = useEffectEvent(onHeld);

  const start = () => {
    fired.current = false;
    setStartedAt(Date.now());
    setProgress(0);
  };
  const cancel = () => {
    setStartedAt(null);
    setProgress(0);
  };

  useEffect(() => {
    if (startedAt === null) return;
    // Progress from the clock, not from counting ticks (timers can be late).
    const timer = window.setInterval(() => {
      const elapsed = Date.now() - startedAt;
      setProgress(Math.min(100, Math.round((elapsed / HOLD_MS) * 100)));
      if (elapsed >= HOLD_MS && !fired.current) {
        fired.current = true;
        window.clearInterval(timer);
        held();
      }
    }, 50);
    return () => window.clearInterval(timer);
  }, [startedAt]);

  return (
    <div className="pm-hold">
      <button
        type="button"
        className={className}
        aria-describedby={hintId}
        style={{
          touchAction: 'none',
          userSelect: 'none',
          WebkitUserSelect: 'none',
          WebkitTouchCallout: 'none',
        }}
        onPointerDown={(event) => {
          if (event.button === 0) start();
        }}
        onPointerUp={cancel}
        onPointerLeave={cancel}
        onPointerCancel={cancel}
        onContextMenu={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if ((event.key === ' ' || event.key === 'Enter') && !event.repeat) start();
          if (event.key === ' ' || event.key === 'Enter') event.preventDefault();
        }}
        onKeyUp={(event) => {
          if (event.key === ' ' || event.key === 'Enter') cancel();
        }}
        onBlur={cancel}
      >
        {children}
      </button>
      <p id={hintId} className="hint">
        Press and hold for {HOLD_MS / 1000} seconds.
      </p>
      <progress max={100} value={progress} aria-label="Holding" />
    </div>
  );
}
