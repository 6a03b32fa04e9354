/** What the PCP does now when a safety request could not reach a BCM (plain words, in order). */
export function SafetySteps() {
  return (
    <div className="notice notice-safety" role="alert">
      <p className="notice-title">
        <span aria-hidden="true">⚠ </span>Safety steps now
      </p>
      <ol>
        <li>Stay with the patient or make sure a staff member does.</li>
        <li>Ask directly about suicidal thoughts, a plan, and access to means.</li>
        <li>Follow the clinic safety protocol; if there is immediate danger, call 911.</li>
        <li>Give the patient the 988 Suicide &amp; Crisis Lifeline (call or text 988).</li>
        <li>Document the assessment in the safety record before the patient leaves.</li>
      </ol>
    </div>
  );
}
