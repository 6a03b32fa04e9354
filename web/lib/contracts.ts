/**
 * The API contracts, re-exported for the web. Features import them from here (features may import
 * only lib/), so there is one place where the web reaches into functions/.
 */
export * from '../../functions/contracts';
