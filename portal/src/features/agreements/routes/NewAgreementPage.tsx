import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { messages } from '../../../messages';
import { followLink, navigate, withQuery } from '../../../lib/router';
import { isVendor, type Session } from '../../../lib/session';
import { ApiError } from '../../../lib/api/client';
import { ProblemAlert, fieldError } from '../../../components/ProblemAlert';
import { newIdempotencyKey, useCreateAgreement, usePartner, type AgreementKind } from '../api/agreements';
import { Choice, TermsForm } from '../components/TermsForm';
import { emptyTerms, toTerms, type TermsDraft } from '../components/terms-draft';

const t = messages.agreements;

/** The vendor drafts an agreement with a partner: kind, title, and the terms that become version 1. */
export default function NewAgreementPage({ partnerId, session }: { partnerId: string; session: Session }) {
  const partner = usePartner(partnerId);
  const create = useCreateAgreement(partnerId);
  const [key] = useState(newIdempotencyKey);
  const [kind, setKind] = useState<AgreementKind>('reseller');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [draft, setDraft] = useState<TermsDraft>(() => emptyTerms(new Date().toLocaleDateString('sv')));
  const back = withQuery('/agreements', { partnerId });

  if (partner.isPending) return <Spinner size="large" />;
  if (partner.isError || !isVendor(session)) {
    const notFound = partner.error instanceof ApiError && partner.error.status === 404;
    return (
      <ContentLayout header={<Header variant="h1">{t.create.title}</Header>}>
        <Alert type="error" header={notFound ? messages.common.notFound : messages.common.errorTitle}>
          {notFound ? messages.common.notFoundDetail : (partner.error?.message ?? t.vendorOnlyCreate)}
        </Alert>
      </ContentLayout>
    );
  }
  const submit = () =>
    create.mutate(
      {
        key,
        body: {
          kind,
          title: title.trim(),
          ...(summary.trim() ? { summary: summary.trim() } : {}),
          terms: toTerms(draft),
        },
      },
      {
        onSuccess: (a) =>
          navigate(`/partners/${encodeURIComponent(partnerId)}/agreements/${encodeURIComponent(a.id)}`, {
            replace: true,
          }),
      },
    );
  return (
    <ContentLayout
      breadcrumbs={
        <BreadcrumbGroup
          ariaLabel={messages.nav.navigation}
          onFollow={followLink}
          items={[
            { text: t.list.title, href: '/agreements' },
            { text: partner.data.name, href: back },
            { text: t.create.title, href: `/partners/${encodeURIComponent(partnerId)}/agreements/new` },
          ]}
        />
      }
      header={
        <Header variant="h1" description={t.create.description(partner.data.name)}>
          {t.create.title}
        </Header>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Form
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button formAction="none" variant="link" onClick={() => navigate(back)}>
                {t.create.cancel}
              </Button>
              <Button variant="primary" loading={create.isPending}>
                {t.create.submit}
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <Container header={<Header variant="h2">{t.create.general}</Header>}>
              <SpaceBetween size="m">
                <ColumnLayout columns={2}>
                  <FormField label={t.create.agreementTitle} errorText={fieldError(create.error, 'body.title')}>
                    <Input value={title} onChange={({ detail }) => setTitle(detail.value)} />
                  </FormField>
                  <FormField label={t.create.kind} errorText={fieldError(create.error, 'body.kind')}>
                    <Choice value={kind} labels={t.kind} onChange={setKind} />
                  </FormField>
                </ColumnLayout>
                <FormField
                  label={t.create.summary}
                  description={t.create.summaryHint}
                  errorText={fieldError(create.error, 'body.summary')}
                  stretch
                >
                  <Input value={summary} onChange={({ detail }) => setSummary(detail.value)} />
                </FormField>
              </SpaceBetween>
            </Container>
            <TermsForm draft={draft} onChange={setDraft} error={create.error} />
            {create.isError && <ProblemAlert error={create.error} />}
          </SpaceBetween>
        </Form>
      </form>
    </ContentLayout>
  );
}
