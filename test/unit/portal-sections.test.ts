import { activeHref } from '../../portal/src/features/shell/sections';

// unit: the side navigation keeps the section of a detail page highlighted, for the vendor and a partner's people.
const vendor = ['/', '/partners', '/agreements', '/alerts', '/performance'].map((href) => ({ href }));
const partner = ['/', '/agreements', '/alerts', '/performance'].map((href) => ({ href }));

describe('the highlighted section of the side navigation', () => {
  it.each([
    ['/', '/', '/'],
    ['/health', '/', '/'],
    ['/partners', '/partners', '/'],
    ['/partners/01J0PARTNER', '/partners', '/'],
    ['/partners/new', '/partners', '/'],
    ['/agreements', '/agreements', '/agreements'],
    ['/partners/01J0PARTNER/agreements/01J0AGREEMENT', '/agreements', '/agreements'],
    ['/partners/01J0PARTNER/agreements/new', '/agreements', '/agreements'],
    ['/alerts', '/alerts', '/alerts'],
    ['/performance', '/performance', '/performance'],
    ['/partners/01J0PARTNER/scorecard', '/performance', '/performance'],
    ['/partners/01J0PARTNER/slas/01J0SLA', '/performance', '/performance'],
    ['/partners/01J0PARTNER/metrics/upload', '/performance', '/performance'],
    ['/no/such/page', '/', '/'],
  ])('%s highlights %s for the vendor and %s for a partner person', (path, forVendor, forPartner) => {
    expect(activeHref(vendor, path)).toBe(forVendor);
    expect(activeHref(partner, path)).toBe(forPartner);
  });
});
