/**
 * Name normalisation for the patient name index. Staff type "garcia" for García and "obrien" or
 * "o'brien" for O'Brien, on tablets whose keyboards make accents awkward, so the index holds a
 * folded form: lowercase, accents removed, and only letters and digits kept (which also keeps the
 * key separator `#` out of the value).
 */
export const normalizeName = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export interface NameQuery {
  family: string;
  /** Present when the query had a comma: "garcia, ma" → family "garcia" (exact), given prefix "ma". */
  given?: string;
}

/** Splits "family[, given]" and folds both parts the same way the index does. */
export const parseNameQuery = (query: string): NameQuery => {
  const comma = query.indexOf(',');
  if (comma === -1) return { family: normalizeName(query) };
  return {
    family: normalizeName(query.slice(0, comma)),
    given: normalizeName(query.slice(comma + 1)),
  };
};
