/** A seeded generator of company-like account names, shared by the benchmarks: a core name
 * (one or two words), often an activity word, sometimes a legal form, with the spelling
 * variants real CRM data has (case, punctuation, typos, a few accented letters). */

const CORES = [
  'Acme', 'Northwind', 'Contoso', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Tyrell',
  'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay', 'Pied Piper', 'Blue Ridge', 'Silver Lake', 'Red Rock',
  'Green Valley', 'Summit', 'Pioneer', 'Atlas', 'Apex', 'Vertex', 'Quantum', 'Nova', 'Orion', 'Zenith',
  'Evergreen', 'Harbor', 'Lakeside', 'Redwood', 'Granite', 'Falcon', 'Eagle', 'Cedar', 'Maple', 'Oakwood',
  'Bright Path', 'Clearwater', 'Ironclad', 'Keystone', 'Lighthouse', 'Meridian', 'Northstar', 'Pinnacle',
  'Riverbend', 'Sterling', 'Trident', 'Westfield', 'Müller', 'Société Lumière', 'Björk', 'Dupré',
];
const ACTIVITIES = [
  'Consulting', 'Software', 'Systems', 'Solutions', 'Analytics', 'Logistics', 'Capital', 'Health',
  'Energy', 'Foods', 'Labs', 'Technologies', 'Partners', 'Group', 'Holdings', 'Media', 'Services',
  'Manufacturing', 'Insurance', 'Realty', 'Networks', 'Pharma', 'Retail', 'Data',
];
const LEGAL = ['Inc', 'Inc.', 'LLC', 'Ltd', 'Ltd.', 'Corp', 'Corporation', 'GmbH', 'S.A.', 'AG', 'Co.', 'PLC', 'Pty Ltd', 'K.K.'];

/** mulberry32: small, fast, good enough for benchmark data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typo(s: string, rnd: () => number): string {
  const cs = Array.from(s);
  const i = Math.floor(rnd() * cs.length);
  const r = rnd();
  if (r < 0.3) cs.splice(i, 1);
  else if (r < 0.6) cs.splice(i, 0, cs[Math.floor(rnd() * cs.length)]);
  else if (r < 0.8 && i + 1 < cs.length) [cs[i], cs[i + 1]] = [cs[i + 1], cs[i]];
  else cs[i] = String.fromCharCode(97 + Math.floor(rnd() * 26));
  return cs.join('');
}

/** `n` company-like names, the same for the same seed. */
export function companyNames(n = 2000, seed = 20240601): string[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let name = pick(CORES);
    if (rnd() < 0.25) name += ' ' + pick(CORES).split(' ')[0];
    if (rnd() < 0.7) name += ' ' + pick(ACTIVITIES);
    if (rnd() < 0.2) name += ' ' + pick(ACTIVITIES);
    if (rnd() < 0.55) name += (rnd() < 0.3 ? ', ' : ' ') + pick(LEGAL);
    const v = rnd();
    if (v < 0.15) name = name.toUpperCase();
    else if (v < 0.25) name = name.toLowerCase();
    if (rnd() < 0.2) name = typo(name, rnd);
    out.push(name);
  }
  return out;
}
