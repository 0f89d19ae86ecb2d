import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Flashbar from '@cloudscape-design/components/flashbar';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Tabs from '@cloudscape-design/components/tabs';
import { messages } from '../../../messages';
import { formatDate } from '../../../lib/format';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { ApiError } from '../../../lib/api/client';
import { useAgreement, usePartner, type Agreement } from '../api/agreements';
import { statusIndicator } from '../components/status';
import { TermsTab } from '../components/TermsTab';
import { VersionsTab } from '../components/VersionsTab';
import { RisksTab } from '../components/RisksTab';
import { PlanningTab } from '../components/PlanningTab';
import { TerminateModal } from '../components/TerminateModal';

const t = messages.agreements;
const tabIds = ['terms', 'versions', 'risks', 'planning'] as const;
type TabId = (typeof tabIds)[number];

/** One agreement: status and dates in the header, then its terms, versions, risks and planning in tabs. */
export default function AgreementPage({
  partnerId,
  agreementId,
  search,
  session,
}: {
  partnerId: string;
  agreementId: string;
  search: URLSearchParams;
  session: Session;
}) {
  const agreement = useAgreement(partnerId, agreementId);
  const partner = usePartner(partnerId);
  const [flash, setFlash] = useState<string>();
  const [terminating, setTerminating] = useState(false);
  const path = `/partners/${encodeURIComponent(partnerId)}/agreements/${encodeURIComponent(agreementId)}`;
  const requested = search.get('tab') as TabId | null;
  const tab: TabId = requested && tabIds.includes(requested) ? requested : 'terms';

  if (agreement.isPending) return <Spinner size="large" />;
  if (agreement.isError) {
    const notFound = agreement.error instanceof ApiError && agreement.error.status === 404;
    return (
      <ContentLayout header={<Header variant="h1">{notFound ? messages.common.notFound : t.list.title}</Header>}>
        <Alert type="error" header={notFound ? messages.common.notFound : messages.common.errorTitle}>
          {notFound ? messages.common.notFoundDetail : agreement.error.message}
        </Alert>
      </ContentLayout>
    );
  }
  const a = agreement.data;
  const partnerName = partner.data?.name ?? '';
  const maySign = session.role !== 'partner-user';
  const negotiable = a.status === 'draft' || a.status === 'negotiating';
  const mayTerminate = maySign && !a.termination && (negotiable || a.status === 'active');

  return (
    <ContentLayout
      breadcrumbs={
        <BreadcrumbGroup
          ariaLabel={messages.nav.navigation}
          onFollow={followLink}
          items={[
            { text: t.list.title, href: '/agreements' },
            ...(isVendor(session) && partnerName
              ? [{ text: partnerName, href: withQuery('/agreements', { partnerId }) }]
              : []),
            { text: a.title, href: path },
          ]}
        />
      }
      header={
        <Header
          variant="h1"
          description={<HeaderFacts agreement={a} partnerName={partnerName} />}
          actions={
            mayTerminate ? (
              <Button onClick={() => setTerminating(true)}>
                {a.status === 'active' ? t.detail.terminate : t.detail.withdraw}
              </Button>
            ) : undefined
          }
        >
          {a.title}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {flash && (
          <Flashbar
            items={[
              {
                type: 'success',
                content: flash,
                dismissible: true,
                dismissLabel: t.dismiss,
                onDismiss: () => setFlash(undefined),
                id: 'done',
              },
            ]}
          />
        )}
        {a.termination && (
          <Alert type="warning" header={t.detail.terminated}>
            {t.detail.terminationNotice(formatDate(a.termination.effectiveAt.slice(0, 10)), a.termination.reason)}
          </Alert>
        )}
        <Tabs
          activeTabId={tab}
          onChange={({ detail }) => navigate(withQuery(path, { tab: detail.activeTabId }))}
          tabs={[
            {
              id: 'terms',
              label: t.detail.tabs.terms,
              content: <TermsTab agreement={a} session={session} onDone={setFlash} />,
            },
            {
              id: 'versions',
              label: t.detail.tabs.versions,
              content: <VersionsTab agreement={a} path={path} search={search} />,
            },
            {
              id: 'risks',
              label: t.detail.tabs.risks,
              content: <RisksTab agreement={a} path={path} search={search} />,
            },
            {
              id: 'planning',
              label: t.detail.tabs.planning,
              content: <PlanningTab agreement={a} session={session} partnerTimeZone={partner.data?.timezone} />,
            },
          ]}
        />
      </SpaceBetween>
      {terminating && (
        <TerminateModal
          agreement={a}
          onClose={() => setTerminating(false)}
          onReload={() => void agreement.refetch()}
          onDone={(message) => {
            setTerminating(false);
            setFlash(message);
          }}
        />
      )}
    </ContentLayout>
  );
}

function HeaderFacts({ agreement: a, partnerName }: { agreement: Agreement; partnerName: string }) {
  const facts = [
    partnerName,
    t.kind[a.kind],
    a.status === 'active' && a.activeVersion
      ? t.detail.activeVersion(a.activeVersion)
      : a.status === 'draft' || a.status === 'negotiating'
        ? t.detail.versionToSign(a.currentVersion)
        : undefined,
    a.effectiveAt ? t.detail.effective(formatDate(a.effectiveAt.slice(0, 10))) : undefined,
    a.expiresAt
      ? a.termination
        ? t.detail.terminating(formatDate(a.expiresAt.slice(0, 10)))
        : t.detail.ends(formatDate(a.expiresAt.slice(0, 10)))
      : undefined,
  ].filter(Boolean);
  return (
    <SpaceBetween size="s" direction="horizontal">
      <StatusIndicator type={statusIndicator[a.status]}>{t.status[a.status]}</StatusIndicator>
      {facts.map((fact) => (
        <span key={fact}>{fact}</span>
      ))}
    </SpaceBetween>
  );
}
