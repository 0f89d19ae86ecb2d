/**
 * The section a screen belongs to stays highlighted on its detail pages: an agreement (under its partner's address)
 * highlights Agreements, a scorecard, SLA or metric upload highlights Performance, a partner page highlights
 * Partners (the vendor) or My partner (a partner's people), the list behind the dashboard highlights Dashboard.
 */
export function activeHref(items: { href: string }[], path: string): string {
  const section = /^\/partners\/[^/]+\/agreements(\/|$)/.test(path)
    ? '/agreements'
    : /^\/partners\/[^/]+\/(scorecard|slas|metrics)(\/|$)/.test(path)
      ? '/performance'
      : `/${path.split('/')[1] ?? ''}`;
  return items.some((i) => i.href === section) ? section : '/';
}
