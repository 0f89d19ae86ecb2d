import { lazy, Suspense, useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Tabs from '@cloudscape-design/components/tabs';
import { messages } from '../../../messages';
import { ApiError } from '../../../lib/api/client';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { ProblemAlert } from '../../../components/ProblemAlert';
import NotFoundPage from '../../shell/routes/NotFoundPage';
import { nextStatuses, usePartner, type PartnerStatus } from '../api/use-partner';
import { actionLabel } from '../components/lifecycle';
import { OverviewTab } from '../components/OverviewTab';
import { countryName } from '../components/choices';

// The overview is a partner person's first screen; the other tabs and the lifecycle modal load when first opened.
const PeopleTab = lazy(() => import('../components/PeopleTab').then((m) => ({ default: m.PeopleTab })));
const AgreementsTab = lazy(() => import('../components/AgreementsTab').then((m) => ({ default: m.AgreementsTab })));
const PerformanceTab = lazy(() => import('../components/PerformanceTab').then((m) => ({ default: m.PerformanceTab })));
const AuditTab = lazy(() => import('../components/AuditTab').then((m) => ({ default: m.AuditTab })));
const LifecycleModal = lazy(() => import('../components/LifecycleModal').then((m) => ({ default: m.LifecycleModal })));

const t = messages.partners;
const tabIds = ['overview', 'people', 'agreements', 'performance', 'audit'] as const;
type TabId = (typeof tabIds)[number];

/**
 * One partner: its header with the lifecycle actions the vendor may take from its status, and tabs kept in the
 * address (`?tab=people`). A partner that does not exist, or that this person may not see, is the Not found page:
 * the API answers 404 either way and nothing of the partner is shown.
 */
export default function PartnerPage({
  partnerId,
  search,
  session,
  base,
}: {
  partnerId: string;
  search: URLSearchParams;
  session: Session;
  /** The page's own address: `/` for a partner person's home, `/partners/:id` otherwise. */
  base: string;
}) {
  const vendor = isVendor(session);
  const query = usePartner(partnerId);
  const [moving, setMoving] = useState<PartnerStatus | undefined>();
  const visible = tabIds.filter((id) => id !== 'audit' || session.role !== 'partner-user');
  const asked = search.get('tab') as TabId | null;
  const tab: TabId = asked && visible.includes(asked) ? asked : 'overview';

  if (query.isPending) return <Spinner size="large" />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403))
      return <NotFoundPage />;
    return <ProblemAlert error={query.error} />;
  }
  const { partner, etag } = query.data;
  const canManagePeople = vendor || session.role === 'partner-admin';

  const content: Record<TabId, () => React.ReactNode> = {
    overview: () => <OverviewTab partner={partner} vendor={vendor} />,
    people: () => <PeopleTab partnerId={partner.id} canManage={canManagePeople && partner.status !== 'offboarded'} />,
    agreements: () => <AgreementsTab partnerId={partner.id} canCreate={vendor && partner.status !== 'offboarded'} />,
    performance: () => <PerformanceTab partnerId={partner.id} />,
    audit: () => <AuditTab partnerId={partner.id} timeZone={partner.timezone} />,
  };

  return (
    <ContentLayout
      header={
        <SpaceBetween size="m">
          {vendor && (
            <BreadcrumbGroup
              ariaLabel={t.breadcrumbs}
              onFollow={followLink}
              items={[
                { text: t.title, href: '/partners' },
                { text: partner.name, href: base },
              ]}
            />
          )}
          <Header
            variant="h1"
            description={`${t.kind[partner.kind]} · ${t.tier[partner.tier]} · ${countryName(partner.country)} · ${t.status[partner.status]}`}
            actions={
              vendor && (
                <SpaceBetween direction="horizontal" size="xs">
                  {nextStatuses[partner.status].map((to) => (
                    <Button key={to} variant={to === 'offboarded' ? 'normal' : 'primary'} onClick={() => setMoving(to)}>
                      {actionLabel(partner.status, to)}
                    </Button>
                  ))}
                </SpaceBetween>
              )
            }
          >
            {partner.name}
          </Header>
        </SpaceBetween>
      }
    >
      <Tabs
        ariaLabel={t.page.tabs}
        activeTabId={tab}
        onChange={({ detail }) =>
          navigate(withQuery(base, { tab: detail.activeTabId === 'overview' ? undefined : detail.activeTabId }))
        }
        tabs={visible.map((id) => ({
          id,
          label: t.page[id],
          href: withQuery(base, { tab: id === 'overview' ? undefined : id }),
          content: id === tab ? <Suspense fallback={<Spinner />}>{content[id]()}</Suspense> : null,
        }))}
      />
      {moving && (
        <Suspense fallback={null}>
          <LifecycleModal
            partner={partner}
            etag={etag}
            to={moving}
            label={actionLabel(partner.status, moving)}
            onClose={() => setMoving(undefined)}
            onReload={() => void query.refetch()}
          />
        </Suspense>
      )}
    </ContentLayout>
  );
}
