import { csvFilename, downloadCsv, toCsv } from '@lib/csv';
import type { Drill, TableModel } from './model';

/**
 * A dashboard table: every number is a button that opens the patients behind it, and the same
 * cells download as CSV.
 */
export function MetricTable({
  table,
  filePrefix,
  onDrill,
}: {
  table: TableModel;
  /** Clinic (or "network") and period, so saved files do not overwrite each other. */
  filePrefix: readonly string[];
  onDrill: (drill: Drill) => void;
}) {
  const download = () =>
    downloadCsv(
      csvFilename(...filePrefix, table.caption.replace(/\(.*\)/g, '')),
      toCsv(
        table.columns,
        table.rows.map((row) => row.map((cell) => cell.csv)),
      ),
    );
  return (
    <div className="outcomes-table" data-table={table.key}>
      <div className="table-wrap">
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, c) => {
                  const content =
                    cell.drill && cell.drill.entries.length > 0 ? (
                      <button
                        type="button"
                        className="drill-button"
                        aria-label={`${cell.text}: ${cell.drill.title} (list the patients)`}
                        onClick={() => cell.drill && onDrill(cell.drill)}
                      >
                        {cell.text}
                      </button>
                    ) : (
                      cell.text
                    );
                  return c === 0 ? (
                    <th key={c} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={c} data-column={table.columns[c]}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button button-small" onClick={download}>
        Download CSV<span className="visually-hidden">: {table.caption}</span>
      </button>
    </div>
  );
}
