import type { CatalogScore } from '@lib/contracts';
import { getCatalogDefinition } from '@lib/instruments';

const answerText = (score: CatalogScore, itemId: string, value: number | number[]): string => {
  const item = getCatalogDefinition(score.instrument).items.find((i) => i.id === itemId);
  const label = (v: number) => item?.options.find((o) => o.value === v)?.label.en ?? String(v);
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
};

/** One catalog instrument's result (PHQ-2, AUDIT-C, C-SSRS …): band, what decided it, answers. */
export function ScreenSection({ score }: { score: CatalogScore }) {
  const definition = getCatalogDefinition(score.instrument);
  const headingId = `screen-${score.instrument}`;
  const critical = score.instrument === 'CSSRS' && score.positive;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{definition.name}</h2>
      <p className={critical ? 'notice notice-safety' : 'score-line'}>
        <strong>{score.bandLabel}</strong>
        {score.total !== undefined && (
          <>
            {' '}
            — total {score.total}
            {score.maxTotal !== undefined && ` / ${score.maxTotal}`}
            {score.cutPoint !== undefined && ` (positive from ${score.cutPoint})`}
          </>
        )}
      </p>
      {score.traumaExposure !== undefined && (
        <p>Trauma exposure (gate question): {score.traumaExposure ? 'Yes' : 'No'}</p>
      )}
      {score.continuedInto && <p>Continued into the full {score.continuedInto} below.</p>}
      {score.administeredBy === 'staff' && (
        <p className="muted">
          Asked by staff
          {score.language ? ` in ${score.language === 'en' ? 'English' : 'Spanish'}` : ''}.
        </p>
      )}
      {(score.reasons ?? []).length > 0 && (
        <ul className="reasons">
          {(score.reasons ?? []).map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {(score.notes ?? []).map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      <div className="table-wrap">
        <table className="answers">
          <caption className="visually-hidden">{definition.name} answers</caption>
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {definition.items
              .filter((item) => score.answers[item.id] !== undefined)
              .map((item) => (
                <tr key={item.id}>
                  <td>{item.text.en.split('\n').at(-1)}</td>
                  <td>{answerText(score, item.id, score.answers[item.id] ?? 0)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
