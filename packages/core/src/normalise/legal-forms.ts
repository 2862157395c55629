/** Legal forms of companies, as word sequences after folding (see `foldWords`).
 *
 * `strong` forms are never ordinary words and are removed wherever they stand ("Acme Inc
 * Consulting", "Acme GmbH & Co. KG"). `ambiguous` forms are also ordinary words or initials
 * ("AG", "AS", "SA", "PT", "CO") and are removed only at the start or end of a name, or next to
 * another legal form ("Co Ltd"). */
export const LEGAL_FORMS: { country: string; strong: string[]; ambiguous: string[] }[] = [
  { country: 'US', strong: ['inc', 'incorporated', 'llc', 'llp', 'lllp', 'pllc', 'corp', 'corporation', 'ltd', 'limited'], ambiguous: ['co', 'company', 'lp', 'pc', 'na'] },
  { country: 'GB', strong: ['plc', 'ltd', 'limited', 'llp', 'cic'], ambiguous: ['lp'] },
  { country: 'IE', strong: ['dac', 'uc', 'teoranta', 'cpt'], ambiguous: [] },
  { country: 'CA', strong: ['ulc', 'ltee', 'limitee', 'incorporee'], ambiguous: [] },
  { country: 'AU', strong: ['pty', 'pty ltd', 'proprietary limited'], ambiguous: [] },
  { country: 'NZ', strong: ['ltd'], ambiguous: [] },
  { country: 'IN', strong: ['pvt', 'pvt ltd', 'private limited'], ambiguous: [] },
  { country: 'ZA', strong: ['pty ltd'], ambiguous: ['cc', 'soc'] },
  { country: 'DE', strong: ['gmbh', 'mbh', 'kgaa', 'ohg', 'gbr', 'gmbh and co kg', 'ug haftungsbeschrankt', 'haftungsbeschrankt'], ambiguous: ['ag', 'kg', 'ug', 'ev', 'eg', 'se'] },
  { country: 'AT', strong: ['gesmbh', 'gesellschaft mbh'], ambiguous: ['ag', 'kg'] },
  { country: 'CH', strong: ['sagl', 'gmbh'], ambiguous: ['ag', 'sa', 'sarl'] },
  { country: 'FR', strong: ['sarl', 'sasu', 'eurl', 'selarl', 'scop'], ambiguous: ['sa', 'sas', 'sca', 'snc', 'sci', 'sc'] },
  { country: 'BE', strong: ['sprl', 'bvba', 'cvba', 'scrl'], ambiguous: ['nv', 'sa', 'srl', 'bv'] },
  { country: 'NL', strong: ['bv', 'nv', 'vof'], ambiguous: ['cv'] },
  { country: 'LU', strong: ['sarl', 'sa rl', 'sicav', 'sicar'], ambiguous: ['sa', 'sca', 'scs'] },
  { country: 'IT', strong: ['spa', 'srl', 'sapa', 'scarl', 'srls'], ambiguous: ['snc', 'sas'] },
  { country: 'ES', strong: ['slu', 'sau', 'sll', 'sociedad anonima', 'sociedad limitada'], ambiguous: ['sa', 'sl'] },
  { country: 'PT', strong: ['lda', 'sgps'], ambiguous: ['sa'] },
  { country: 'BR', strong: ['ltda', 'eireli'], ambiguous: ['sa', 'me', 'epp'] },
  { country: 'MX', strong: ['sa de cv', 'sab de cv', 's de rl', 's de rl de cv', 'sapi de cv'], ambiguous: ['cv'] },
  { country: 'SE', strong: ['aktiebolag', 'publ'], ambiguous: ['ab', 'hb', 'kb'] },
  { country: 'NO', strong: ['asa'], ambiguous: ['as', 'ans', 'da'] },
  { country: 'DK', strong: ['aps', 'amba'], ambiguous: ['as', 'is', 'ks'] },
  { country: 'FI', strong: ['oyj', 'osakeyhtio'], ambiguous: ['oy', 'ky', 'ay'] },
  { country: 'IS', strong: ['ehf'], ambiguous: ['hf', 'sf'] },
  { country: 'PL', strong: ['sp z oo', 'spolka z oo', 'sp k', 'spolka akcyjna'], ambiguous: ['sa', 'sk'] },
  { country: 'CZ', strong: ['sro', 'spol s ro'], ambiguous: ['as', 'vos'] },
  { country: 'SK', strong: ['sro'], ambiguous: ['as'] },
  { country: 'HU', strong: ['kft', 'zrt', 'nyrt', 'rt'], ambiguous: ['bt', 'kkt'] },
  { country: 'RO', strong: ['srl'], ambiguous: ['sa'] },
  { country: 'BG', strong: ['ood', 'eood', 'ead'], ambiguous: ['ad', 'et'] },
  { country: 'HR', strong: ['doo', 'dd'], ambiguous: [] },
  { country: 'SI', strong: ['doo'], ambiguous: ['dd'] },
  { country: 'RS', strong: ['doo'], ambiguous: ['ad'] },
  { country: 'GR', strong: ['epe', 'ike'], ambiguous: ['ae', 'oe', 'ee'] },
  { country: 'TR', strong: ['ltd sti', 'sti', 'anonim sirketi', 'limited sirketi'], ambiguous: ['as'] },
  { country: 'RU', strong: ['ooo', 'oao', 'zao', 'pao'], ambiguous: ['ao'] },
  { country: 'UA', strong: ['tov', 'pat', 'prat'], ambiguous: [] },
  { country: 'EE', strong: ['ou'], ambiguous: ['as'] },
  { country: 'LV', strong: ['sia'], ambiguous: ['as'] },
  { country: 'LT', strong: ['uab'], ambiguous: ['ab'] },
  { country: 'JP', strong: ['kk', 'kabushiki kaisha', 'kabushikigaisha', 'godo kaisha', 'yugen kaisha', 'gk'], ambiguous: ['yk'] },
  { country: 'CN', strong: ['co ltd', 'youxian gongsi'], ambiguous: [] },
  { country: 'HK', strong: ['co ltd'], ambiguous: [] },
  { country: 'SG', strong: ['pte', 'pte ltd'], ambiguous: [] },
  { country: 'MY', strong: ['sdn bhd', 'bhd', 'berhad', 'sendirian berhad'], ambiguous: [] },
  { country: 'ID', strong: ['tbk', 'persero'], ambiguous: ['pt', 'cv'] },
  { country: 'PH', strong: ['corp'], ambiguous: [] },
  { country: 'KR', strong: ['co ltd', 'chusik hoesa'], ambiguous: [] },
  { country: 'VN', strong: ['jsc', 'jsco'], ambiguous: [] },
  { country: 'TH', strong: ['pcl'], ambiguous: [] },
  { country: 'IL', strong: ['ltd'], ambiguous: [] },
  { country: 'AR', strong: ['srl', 'saic', 'saci'], ambiguous: ['sa'] },
  { country: 'CL', strong: ['spa', 'ltda'], ambiguous: ['sa'] },
  { country: 'CO', strong: ['sas', 'ltda'], ambiguous: ['sa'] },
];

export const STRONG_LEGAL_FORMS: readonly string[][] = dedupe(LEGAL_FORMS.flatMap((f) => f.strong));
export const AMBIGUOUS_LEGAL_FORMS: readonly string[][] = dedupe(
  LEGAL_FORMS.flatMap((f) => f.ambiguous).filter((a) => !LEGAL_FORMS.some((f) => f.strong.includes(a))),
);

function dedupe(forms: string[]): string[][] {
  // Longest first, so "pty ltd" wins over "pty".
  return [...new Set(forms)].map((f) => f.split(' ')).sort((a, b) => b.length - a.length || a.join(' ').localeCompare(b.join(' ')));
}
