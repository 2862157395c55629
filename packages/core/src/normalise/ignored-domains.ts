/** Registrable domains that say nothing about which business an account is: free e-mail
 * providers, social networks and directories, web hosting and site builders, link shorteners.
 * Two accounts sharing `gmail.com` or `wixsite.com` are not related by it. */

export const FREE_MAIL_DOMAINS: readonly string[] = [
  '126.com', '163.com', 'aim.com', 'aol.com', 'att.net', 'bellsouth.net', 'btinternet.com',
  'charter.net', 'comcast.net', 'cox.net', 'earthlink.net', 'email.com', 'fastmail.com', 'free.fr',
  'gmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'googlemail.com', 'hey.com', 'hotmail.com',
  'icloud.com', 'juno.com', 'laposte.net', 'libero.it', 'live.com', 'mac.com', 'mail.com',
  'mail.ru', 'me.com', 'msn.com', 'naver.com', 'optonline.net', 'orange.fr', 'outlook.com',
  'pm.me', 'proton.me', 'protonmail.com', 'qq.com', 'rediffmail.com', 'rocketmail.com',
  'sbcglobal.net', 'shaw.ca', 'sina.com', 'sky.com', 't-online.de', 'tutanota.com', 'verizon.net',
  'wanadoo.fr', 'web.de', 'yahoo.com', 'yandex.com', 'yandex.ru', 'ymail.com', 'zoho.com',
];

export const SOCIAL_DOMAINS: readonly string[] = [
  'angel.co', 'crunchbase.com', 'facebook.com', 'fb.com', 'glassdoor.com', 'instagram.com',
  'linkedin.com', 'medium.com', 'pinterest.com', 'reddit.com', 'threads.net', 'tiktok.com',
  'tumblr.com', 'twitter.com', 'x.com', 'xing.com', 'yelp.com', 'youtube.com', 'youtu.be',
  'wikipedia.org', 'bbb.org', 'yellowpages.com', 'manta.com', 'zoominfo.com',
];

export const HOSTING_DOMAINS: readonly string[] = [
  'amazonaws.com', 'azurewebsites.net', 'bitbucket.io', 'blogger.com', 'blogspot.com',
  'business.site', 'carrd.co', 'cloudfront.net', 'firebaseapp.com', 'github.io', 'gitlab.io',
  'godaddysites.com', 'google.com', 'herokuapp.com', 'jimdo.com', 'jimdofree.com',
  'myshopify.com', 'netlify.app', 'netlify.com', 'notion.site', 'pages.dev', 'shopify.com',
  'site123.me', 'squarespace.com', 'strikingly.com', 'vercel.app', 'webflow.io', 'weebly.com',
  'wix.com', 'wixsite.com', 'wordpress.com', 'wpengine.com', 'example.com', 'example.org',
  'example.net', 'bit.ly', 'linktr.ee', 'goo.gl', 'tinyurl.com', 'ow.ly',
];

/** Providers present under many country domains (yahoo.co.uk, hotmail.fr, gmx.at …): matched by label. */
export const FREE_MAIL_LABELS: readonly string[] = ['aol', 'gmx', 'hotmail', 'outlook', 'yahoo', 'yandex', 'ymail', 'live'];

export type IgnoredReason = 'free-mail' | 'social' | 'hosting';

const BY_DOMAIN = new Map<string, IgnoredReason>([
  ...FREE_MAIL_DOMAINS.map((d) => [d, 'free-mail'] as const),
  ...SOCIAL_DOMAINS.map((d) => [d, 'social'] as const),
  ...HOSTING_DOMAINS.map((d) => [d, 'hosting'] as const),
]);
const LABELS = new Set(FREE_MAIL_LABELS);

/** Why a registrable domain is no evidence, or undefined when it is evidence. */
export function ignoredDomainReason(domain: string, label: string): IgnoredReason | undefined {
  return BY_DOMAIN.get(domain) ?? (LABELS.has(label) ? 'free-mail' : undefined);
}
