/** Token rarity over a data set (inverse document frequency), damped by a prior for words
 * that are generic in company names in any data set, so that "Acme" ~ "Acme Consulting Service"
 * rests on "acme" and not on "consulting". */

/** Words that name what a business does or where, not which business it is. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'academy', 'acquisition', 'advisor', 'advisory', 'agency', 'america', 'american', 'associate',
  'association', 'bank', 'brand', 'business', 'capital', 'care', 'center', 'centre', 'child',
  'children', 'church', 'city', 'college', 'communication', 'community', 'company', 'construction',
  'consultant', 'consulting', 'corporate', 'county', 'data', 'department', 'design', 'development',
  'digital', 'distribution', 'east', 'education', 'electric', 'energy', 'engineering', 'enterprise',
  'equity', 'family', 'finance', 'financial', 'first', 'foundation', 'fund', 'funding', 'general',
  'global', 'group', 'health', 'healthcare', 'holding', 'home', 'hospital', 'industry', 'institute',
  'insurance', 'international', 'intl', 'investment', 'it', 'lab', 'laboratory', 'learning', 'lease',
  'leasing', 'logistic', 'management', 'manufacturing', 'marketing', 'media', 'medical', 'national',
  'network', 'new', 'north', 'office', 'operating', 'operation', 'partner', 'partnership', 'product',
  'program', 'property', 'realty', 'research', 'resource', 'retail', 'sale', 'school', 'science',
  'security', 'service', 'software', 'solution', 'south', 'studio', 'subsidiary', 'supply', 'system',
  'tech', 'technology', 'trading', 'transport', 'trust', 'united', 'university', 'usa', 'venture',
  'west', 'world', 'worldwide',
]);

/** Function words: almost no weight. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'at', 'by', 'da', 'das', 'de', 'del', 'della', 'der', 'des', 'di', 'die', 'do',
  'dos', 'du', 'e', 'el', 'en', 'et', 'for', 'in', 'la', 'las', 'le', 'les', 'los', 'of', 'on',
  'the', 'to', 'und', 'van', 'von', 'y',
]);

export const GENERIC_PRIOR = 0.3;
export const STOP_PRIOR = 0.05;
/** Pseudo-count: in a small data set, observed frequencies say little about rarity. */
const SMOOTHING = 50;

export function tokenPrior(token: string): number {
  if (STOP_WORDS.has(token)) return STOP_PRIOR;
  if (GENERIC_WORDS.has(token)) return GENERIC_PRIOR;
  if (/^\d+$/.test(token)) return 0.5;
  if (token.length === 1) return 0.3;
  return 1;
}

/** The account count that token weights and brand shares are computed with: the count rounded up
 * to a power of two, and at least 1 024. Adding or deleting a few accounts then changes only the
 * weights of the words whose document frequency changed, so that an incremental run can bound the
 * accounts a change affects; when the rounded count itself moves, every weight moves with it. */
export function roundedDocuments(documents: number): number {
  let rounded = 1024;
  while (rounded < documents) rounded *= 2;
  return rounded;
}

/** A document frequency rounded down to its four leading bits: up to 15 it stays, 16–31 go in
 * steps of 2, 32–63 in steps of 4, 64–127 in steps of 8 … A word's weight is computed from it, so
 * one account more or less changes the weight of a frequent word only when its count crosses a
 * step, and an incremental run need not revisit every account holding the word. Each step moves
 * the weight by less than 0.13. */
export function quantisedFrequency(documentFrequency: number): number {
  if (documentFrequency < 16) return documentFrequency;
  const shift = 31 - Math.clz32(documentFrequency) - 3;
  return (documentFrequency >>> shift) << shift;
}

/** Weight of a token seen in `documentFrequency` of `documents` names (pass a rounded count,
 * see `roundedDocuments`). */
export function tokenWeight(token: string, documentFrequency: number, documents: number): number {
  const idf = Math.log((documents + SMOOTHING) / (documentFrequency + 0.5));
  return tokenPrior(token) * Math.max(idf, 0.01);
}

/** Dictionary of tokens with their document frequencies and weights. */
export class TokenTable {
  readonly ids = new Map<string, number>();
  readonly tokens: string[] = [];
  private df: number[] = [];
  private scratch: number[] = [];
  weights = new Float64Array(0);
  /** The rounded account count the weights were computed with (`roundedDocuments`). */
  documents = 0;

  /** Interns the distinct tokens of one name; returns their ids, sorted ascending. */
  addDocument(tokens: readonly string[]): Int32Array {
    const ids = this.scratch;
    ids.length = 0;
    for (const t of tokens) {
      let id = this.ids.get(t);
      if (id === undefined) {
        id = this.tokens.length;
        this.ids.set(t, id);
        this.tokens.push(t);
        this.df.push(0);
      }
      // Insertion into the sorted distinct ids: a name has a handful of words.
      let x = ids.length;
      while (x > 0 && ids[x - 1] > id) x--;
      if (x > 0 && ids[x - 1] === id) continue;
      ids.splice(x, 0, id);
    }
    const sorted = Int32Array.from(ids);
    for (let k = 0; k < sorted.length; k++) this.df[sorted[k]]++;
    return sorted;
  }

  /** Takes one name's token ids (as `addDocument` gave them) out of the counts. */
  removeDocument(ids: Int32Array): void {
    for (let k = 0; k < ids.length; k++) this.df[ids[k]]--;
  }

  /** A copy with the same token ids and counts, to add and remove names from (weights are
   * computed again by `finish`). */
  copy(): TokenTable {
    const out = new TokenTable();
    for (const [token, id] of this.ids) out.ids.set(token, id);
    out.tokens.push(...this.tokens);
    out.df = this.df.slice();
    return out;
  }

  documentFrequency(id: number): number {
    return this.df[id];
  }

  /** Computes every token's weight once all documents are in, from its quantised frequency
   * (`quantisedFrequency`) and the account count rounded up (`roundedDocuments`). */
  finish(documents: number): void {
    this.documents = roundedDocuments(documents);
    this.weights = new Float64Array(this.tokens.length);
    for (let i = 0; i < this.tokens.length; i++) this.weights[i] = tokenWeight(this.tokens[i], quantisedFrequency(this.df[i]), this.documents);
  }
}
