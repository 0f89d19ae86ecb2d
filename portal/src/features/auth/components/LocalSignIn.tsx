import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { messages } from '../../../messages';
import { signIn, type Role } from '../../../lib/session';
import { fetchLocalToken, useDemoPartners, type DemoPartner } from '../api/local-sign-in';

const t = messages;

/** Lists the demo people; choosing one takes a token from the local issuer and opens the screen asked for. */
export default function LocalSignIn({ notice }: { notice?: string }) {
  const partners = useDemoPartners();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const choose = async (role: Role, partnerId?: string) => {
    setBusy(`${role}|${partnerId ?? ''}`);
    setError(undefined);
    try {
      // The address stays: a deep link opened while signed out shows its screen once signed in.
      signIn(await fetchLocalToken(role, partnerId));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  const button = (role: Role, label: string, partnerId?: string) => (
    <Button
      key={role}
      loading={busy === `${role}|${partnerId ?? ''}`}
      ariaLabel={t.signIn.signInAs(partnerId ? `${label}, ${t.roles[role]}` : t.roles[role])}
      onClick={() => void choose(role, partnerId)}
    >
      {t.roles[role]}
    </Button>
  );

  return (
    <Box padding="xl">
      <ContentLayout
        header={
          <Header variant="h1" description={t.signIn.description}>
            {t.signIn.title}
          </Header>
        }
      >
        <SpaceBetween size="l">
          {notice && <Alert type="info">{notice}</Alert>}
          {error && (
            <Alert type="error" header={t.signIn.failed}>
              {error}
            </Alert>
          )}
          <Container header={<Header variant="h2">{t.signIn.vendorPeople}</Header>}>
            <SpaceBetween direction="horizontal" size="s">
              {button('manager', t.roles.manager)}
              {button('admin', t.roles.admin)}
            </SpaceBetween>
          </Container>
          <Table<DemoPartner>
            header={<Header variant="h2">{t.signIn.partnerPeople}</Header>}
            items={partners.data ?? []}
            loading={partners.isPending}
            loadingText={t.signIn.loadingPartners}
            empty={
              partners.isError ? (
                <StatusIndicator type="error">
                  {t.signIn.partnersFailed}: {partners.error.message}
                </StatusIndicator>
              ) : undefined
            }
            columnDefinitions={[
              { id: 'name', header: t.dashboard.partner, cell: (p) => p.name, isRowHeader: true },
              { id: 'status', header: t.partner.status, cell: (p) => p.status },
              { id: 'tier', header: t.partner.tier, cell: (p) => p.tier },
              {
                id: 'people',
                header: t.signIn.signInAs('…'),
                cell: (p) => (
                  <SpaceBetween direction="horizontal" size="xs">
                    {button('partner-admin', p.name, p.id)}
                    {button('partner-user', p.name, p.id)}
                  </SpaceBetween>
                ),
              },
            ]}
          />
        </SpaceBetween>
      </ContentLayout>
    </Box>
  );
}
