/** Word lists and country conventions the generator draws from. */

export interface CountryProfile {
  /** ISO 3166 alpha-2. */
  code: string;
  /** How often a business is from this country, relative to the others. */
  weight: number;
  /** Legal forms in the spellings seen in real data; the first is the usual one. */
  legalForms: readonly string[];
  /** Top-level domain of a local web site (public suffix). */
  tld: string;
  /** Country calling code. */
  callingCode: string;
  /** Digits of a local subscriber number. */
  subscriberDigits: number;
  /** Cities with their region (state, county, Land) and telephone area code. */
  places: readonly (readonly [city: string, region: string, areaCode: string])[];
  /** Spellings of the country seen in CRM data. */
  names: readonly string[];
  streets: readonly string[];
}

export const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'US',
    weight: 60,
    legalForms: ['Inc', 'Inc.', 'LLC', 'Corp', 'Corporation', 'Co.', 'Incorporated', 'L.L.C.', 'LP'],
    tld: 'com',
    callingCode: '1',
    subscriberDigits: 7,
    places: [['San Jose', 'CA', '408'], ['San Francisco', 'CA', '415'], ['Los Angeles', 'CA', '213'], ['New York', 'NY', '212'], ['New York', 'NY', '646'], ['Austin', 'TX', '512'], ['Dallas', 'TX', '469'], ['Houston', 'TX', '713'], ['Chicago', 'IL', '312'], ['Seattle', 'WA', '206'], ['Boston', 'MA', '617'], ['Miami', 'FL', '305'], ['Atlanta', 'GA', '404'], ['Denver', 'CO', '303'], ['Denver', 'CO', '720'], ['Phoenix', 'AZ', '602'], ['Portland', 'OR', '503'], ['Las Vegas', 'NV', '702'], ['Raleigh', 'NC', '919'], ['Newark', 'NJ', '973'], ['Pittsburgh', 'PA', '412'], ['Columbus', 'OH', '614'], ['Detroit', 'MI', '313'], ['Minneapolis', 'MN', '612'], ['Richmond', 'VA', '804'], ['Nashville', 'TN', '615']],
    names: ['US', 'USA', 'United States', 'U.S.', 'United States of America'],
    streets: ['Main St', 'Market Street', 'Broadway', 'Oak Avenue', 'Park Ave', 'Elm Street', 'Mission Blvd', 'Lake Shore Dr', 'Washington St', 'Pine Road'],
  },
  {
    code: 'GB',
    weight: 9,
    legalForms: ['Ltd', 'Limited', 'Ltd.', 'PLC', 'plc', 'LLP'],
    tld: 'co.uk',
    callingCode: '44',
    subscriberDigits: 8,
    places: [['London', 'Greater London', '20'], ['Manchester', 'Greater Manchester', '161'], ['Birmingham', 'West Midlands', '121'], ['Edinburgh', 'Scotland', '131'], ['Glasgow', 'Scotland', '141'], ['Leeds', 'West Yorkshire', '113'], ['Bristol', 'England', '117']],
    names: ['GB', 'UK', 'United Kingdom', 'Great Britain'],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'King Street'],
  },
  {
    code: 'DE',
    weight: 8,
    legalForms: ['GmbH', 'AG', 'GmbH & Co. KG', 'KG', 'SE', 'mbH'],
    tld: 'de',
    callingCode: '49',
    subscriberDigits: 7,
    places: [['Berlin', 'Berlin', '30'], ['Hamburg', 'Hamburg', '40'], ['München', 'Bayern', '89'], ['Frankfurt am Main', 'Hessen', '69'], ['Köln', 'Nordrhein-Westfalen', '221'], ['Stuttgart', 'Baden-Württemberg', '711'], ['Düsseldorf', 'Nordrhein-Westfalen', '211']],
    names: ['DE', 'Germany', 'Deutschland'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Goethestraße', 'Friedrichstraße'],
  },
  {
    code: 'FR',
    weight: 5,
    legalForms: ['SA', 'S.A.', 'SAS', 'S.A.S.', 'SARL', 'SE'],
    tld: 'fr',
    callingCode: '33',
    subscriberDigits: 8,
    places: [['Paris', 'Île-de-France', '1'], ['Lyon', 'Auvergne-Rhône-Alpes', '4'], ['Marseille', 'Provence-Alpes-Côte d\'Azur', '4'], ['Toulouse', 'Occitanie', '5'], ['Lille', 'Hauts-de-France', '3'], ['Nantes', 'Pays de la Loire', '2']],
    names: ['FR', 'France'],
    streets: ['Rue de la Paix', 'Avenue des Champs-Élysées', 'Rue de Rivoli', 'Boulevard Haussmann'],
  },
  {
    code: 'NL',
    weight: 4,
    legalForms: ['B.V.', 'BV', 'N.V.', 'NV'],
    tld: 'nl',
    callingCode: '31',
    subscriberDigits: 7,
    places: [['Amsterdam', 'Noord-Holland', '20'], ['Rotterdam', 'Zuid-Holland', '10'], ['Den Haag', 'Zuid-Holland', '70'], ['Utrecht', 'Utrecht', '30'], ['Eindhoven', 'Noord-Brabant', '40']],
    names: ['NL', 'Netherlands', 'The Netherlands', 'Nederland'],
    streets: ['Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Herengracht'],
  },
  {
    code: 'JP',
    weight: 3,
    legalForms: ['K.K.', 'KK', 'Co., Ltd.', 'Kabushiki Kaisha', 'G.K.'],
    tld: 'co.jp',
    callingCode: '81',
    subscriberDigits: 8,
    places: [['Tokyo', 'Tokyo', '3'], ['Osaka', 'Osaka', '6'], ['Nagoya', 'Aichi', '52'], ['Yokohama', 'Kanagawa', '45']],
    names: ['JP', 'Japan'],
    streets: ['Marunouchi', 'Shibuya', 'Umeda', 'Sakae'],
  },
  {
    code: 'AU',
    weight: 3,
    legalForms: ['Pty Ltd', 'Pty. Ltd.', 'Pty Limited', 'Ltd'],
    tld: 'com.au',
    callingCode: '61',
    subscriberDigits: 8,
    places: [['Sydney', 'NSW', '2'], ['Melbourne', 'VIC', '3'], ['Brisbane', 'QLD', '7'], ['Perth', 'WA', '8'], ['Adelaide', 'SA', '8']],
    names: ['AU', 'Australia'],
    streets: ['George Street', 'Collins Street', 'Queen Street', 'Hay Street'],
  },
  {
    code: 'IT',
    weight: 2,
    legalForms: ['S.p.A.', 'SpA', 'S.r.l.', 'Srl'],
    tld: 'it',
    callingCode: '39',
    subscriberDigits: 7,
    places: [['Milano', 'Lombardia', '02'], ['Roma', 'Lazio', '06'], ['Torino', 'Piemonte', '011'], ['Firenze', 'Toscana', '055']],
    names: ['IT', 'Italy', 'Italia'],
    streets: ['Via Roma', 'Corso Italia', 'Via Garibaldi', 'Via Dante'],
  },
  {
    code: 'ES',
    weight: 2,
    legalForms: ['S.L.', 'SL', 'S.A.', 'SA'],
    tld: 'es',
    callingCode: '34',
    subscriberDigits: 7,
    places: [['Madrid', 'Madrid', '91'], ['Barcelona', 'Cataluña', '93'], ['Valencia', 'Valencia', '96'], ['Sevilla', 'Andalucía', '95']],
    names: ['ES', 'Spain', 'España'],
    streets: ['Calle Mayor', 'Gran Vía', 'Paseo de Gracia', 'Calle de Alcalá'],
  },
  {
    code: 'SE',
    weight: 1,
    legalForms: ['AB', 'Aktiebolag', 'AB (publ)'],
    tld: 'se',
    callingCode: '46',
    subscriberDigits: 7,
    places: [['Stockholm', 'Stockholm', '8'], ['Göteborg', 'Västra Götaland', '31'], ['Malmö', 'Skåne', '40']],
    names: ['SE', 'Sweden', 'Sverige'],
    streets: ['Drottninggatan', 'Storgatan', 'Kungsgatan'],
  },
  {
    code: 'FI',
    weight: 1,
    legalForms: ['Oy', 'Oyj', 'Ab Oy'],
    tld: 'fi',
    callingCode: '358',
    subscriberDigits: 7,
    places: [['Helsinki', 'Uusimaa', '9'], ['Tampere', 'Pirkanmaa', '3'], ['Turku', 'Varsinais-Suomi', '2']],
    names: ['FI', 'Finland', 'Suomi'],
    streets: ['Mannerheimintie', 'Hämeenkatu', 'Aleksanterinkatu'],
  },
  {
    code: 'DK',
    weight: 1,
    legalForms: ['A/S', 'ApS', 'AS'],
    tld: 'dk',
    callingCode: '45',
    subscriberDigits: 7,
    places: [['København', 'Hovedstaden', '3'], ['Aarhus', 'Midtjylland', '8'], ['Odense', 'Syddanmark', '6']],
    names: ['DK', 'Denmark', 'Danmark'],
    streets: ['Strøget', 'Vesterbrogade', 'Nørregade'],
  },
  {
    code: 'CH',
    weight: 1,
    legalForms: ['AG', 'SA', 'GmbH', 'Sàrl'],
    tld: 'ch',
    callingCode: '41',
    subscriberDigits: 7,
    places: [['Zürich', 'ZH', '44'], ['Genève', 'GE', '22'], ['Basel', 'BS', '61'], ['Bern', 'BE', '31']],
    names: ['CH', 'Switzerland', 'Schweiz', 'Suisse'],
    streets: ['Bahnhofstrasse', 'Rue du Rhône', 'Freie Strasse'],
  },
  {
    code: 'BR',
    weight: 1,
    legalForms: ['Ltda', 'Ltda.', 'S.A.', 'SA'],
    tld: 'com.br',
    callingCode: '55',
    subscriberDigits: 8,
    places: [['São Paulo', 'SP', '11'], ['Rio de Janeiro', 'RJ', '21'], ['Belo Horizonte', 'MG', '31']],
    names: ['BR', 'Brazil', 'Brasil'],
    streets: ['Avenida Paulista', 'Rua Augusta', 'Avenida Atlântica'],
  },
  {
    code: 'CA',
    weight: 3,
    legalForms: ['Inc', 'Ltd', 'Corp', 'ULC', 'Ltée'],
    tld: 'ca',
    callingCode: '1',
    subscriberDigits: 7,
    places: [['Toronto', 'ON', '416'], ['Vancouver', 'BC', '604'], ['Montréal', 'QC', '514'], ['Calgary', 'AB', '403'], ['Ottawa', 'ON', '613']],
    names: ['CA', 'Canada'],
    streets: ['Yonge Street', 'Granville Street', 'Rue Sainte-Catherine', 'Bank Street'],
  },
];

/** Syllables of invented brand names (Vantora, Quellex …): distinct businesses, distinctive tokens. */
export const ONSETS = ['b', 'br', 'c', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'pr', 'qu', 'r', 's', 'st', 't', 'tr', 'v', 'w', 'x', 'z', 'sh', 'th', 'ch'];
export const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
export const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'x', 'm', 'nt', 'rt', 'st', 'ck', 'nd'];
export const BRAND_ENDINGS = ['', '', '', 'ex', 'ora', 'ia', 'ify', 'ly', 'io', 'on', 'tek', 'ara', 'is', 'um', 'ix', 'a', 'o', 'en'];

/** Common real-world words that many unrelated businesses share: the source of decoys. */
export const COMMON_WORDS = [
  'Summit', 'Pinnacle', 'Apex', 'Premier', 'Pacific', 'Atlantic', 'Northern', 'Southern', 'Western', 'Eastern',
  'Blue', 'Red', 'Green', 'Golden', 'Silver', 'Eagle', 'Lion', 'Falcon', 'Liberty', 'American', 'National',
  'Global', 'United', 'First', 'Advanced', 'Allied', 'Central', 'Coastal', 'Mountain', 'River', 'Lake', 'Valley',
  'Metro', 'City', 'Capital', 'Heritage', 'Legacy', 'Pioneer', 'Frontier', 'Horizon', 'Keystone', 'Cornerstone',
  'Crown', 'Royal', 'Star', 'Sun', 'Moon', 'Bright', 'Clear', 'Smart', 'Quality', 'Precision', 'Superior',
  'Elite', 'Prime', 'Total', 'Integrated', 'Innovative', 'Strategic', 'Dynamic', 'Modern', 'Classic', 'Evergreen',
  'Oak', 'Maple', 'Cedar', 'Pine', 'Willow', 'Harbor', 'Bay', 'Bridge', 'Gateway', 'Beacon', 'Anchor', 'Compass',
  'Vista', 'Meridian', 'Pointe', 'Crest', 'Ridge', 'Stone', 'Iron', 'Steel', 'Delta', 'Alpha', 'Omega', 'Vector',
];

/** Industry words that appear in names and describe a business. */
export const INDUSTRY_WORDS = [
  'Software', 'Logistics', 'Dental', 'Medical', 'Health', 'Insurance', 'Realty', 'Construction', 'Engineering',
  'Manufacturing', 'Foods', 'Energy', 'Solar', 'Marketing', 'Media', 'Design', 'Legal', 'Accounting', 'Financial',
  'Capital', 'Analytics', 'Data', 'Networks', 'Security', 'Staffing', 'Transport', 'Freight', 'Pharma', 'Biotech',
  'Labs', 'Robotics', 'Plumbing', 'Electric', 'Roofing', 'Landscaping', 'Printing', 'Packaging', 'Textiles',
  'Chemicals', 'Motors', 'Aviation', 'Marine', 'Farms', 'Dairy', 'Brewing', 'Coffee', 'Hospitality', 'Travel',
  'Education', 'Learning', 'Fitness', 'Wellness', 'Veterinary', 'Property', 'Investments', 'Telecom', 'Cloud',
  'Digital', 'Web', 'Mobile',
];

/** Generic words that carry little evidence (they weigh little by rarity). */
export const GENERIC_WORDS = [
  'Group', 'Services', 'Solutions', 'Partners', 'Associates', 'Holdings', 'Consulting', 'Systems', 'International',
  'Enterprises', 'Industries', 'Technologies', 'Company', 'Works', 'Center', 'Agency', 'Studio', 'Labs', 'Global',
  'Corporation',
];

/** Names of subsidiaries beside the parent's brand: "Vantora Logistics", "Vantora Europe". */
export const DIVISION_WORDS = [
  'Europe', 'Asia', 'Americas', 'International', 'Holdings', 'Capital', 'Financial Services', 'Healthcare', 'Labs',
  'Digital', 'Logistics', 'Retail', 'Energy', 'Software', 'Consulting', 'Services', 'Research', 'Ventures',
  'Properties', 'Foundation', 'Solutions', 'Manufacturing', 'Systems', 'Networks', 'Media', 'Insurance',
];

export const INDUSTRIES = [
  'Software', 'Technology Consulting', 'Financial Services', 'Insurance', 'Healthcare', 'Manufacturing', 'Retail',
  'Wholesale', 'Logistics', 'Construction', 'Real Estate', 'Energy', 'Telecommunications', 'Media', 'Education',
  'Hospitality', 'Food & Beverage', 'Pharmaceuticals', 'Automotive', 'Agriculture', 'Legal Services',
  'Professional Services', 'Government', 'Non-Profit',
];

export const SURNAMES = [
  'Miller', 'Johnson', 'Smith', 'Brown', 'Garcia', 'Martinez', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young',
  'King', 'Wright', 'Scott', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Schmidt', 'Müller', 'Dubois', 'Rossi',
  'Tanaka', 'Jansen', 'Nielsen', 'Virtanen', 'Andersson', 'Silva', "O'Brien", 'McAllister',
];

export const FIRST_NAMES = ['james', 'mary', 'john', 'linda', 'robert', 'sarah', 'wei', 'anna', 'carlos', 'yuki', 'fatima', 'lars', 'info', 'sales', 'contact', 'billing'];

/** Free-mail, social and hosting domains: shared by unrelated businesses, no evidence of a relation. */
export const FREE_MAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com', 'icloud.com', 'gmx.de', 'web.de', 'orange.fr', 'btinternet.com'];
export const SOCIAL_URLS = ['https://www.facebook.com/', 'https://www.linkedin.com/company/', 'https://twitter.com/', 'https://www.instagram.com/'];
export const HOSTING_SUFFIXES = ['wixsite.com', 'squarespace.com', 'myshopify.com', 'wordpress.com', 'github.io'];

export const SOURCES = ['crm', 'marketing', 'billing', 'support', 'events'];

/** Keys next to each other on a QWERTY keyboard, for typing slips. */
export const KEYBOARD_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qswz', b: 'vghn', c: 'xdfv', d: 'serfcx', e: 'wsdr', f: 'drtgvc', g: 'ftyhbv', h: 'gyujnb', i: 'ujko',
  j: 'huikmn', k: 'jiolm', l: 'kop', m: 'njk', n: 'bhjm', o: 'iklp', p: 'ol', q: 'wa', r: 'edft', s: 'awedxz',
  t: 'rfgy', u: 'yhji', v: 'cfgb', w: 'qase', x: 'zsdc', y: 'tghu', z: 'asx',
};
