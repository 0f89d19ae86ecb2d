import { useState } from 'react';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { messages } from '../../../messages';
import { followLink, navigate } from '../../../lib/router';
import { fieldError, ProblemAlert } from '../../../components/ProblemAlert';
import { useCreatePartner, type CreatePartnerBody } from '../api/use-partner';
import { countryChoices, optionsOf, timeZoneChoices } from '../components/choices';

const t = messages.partners;
const f = t.form;

interface Values {
  name: string;
  legalName: string;
  kind: CreatePartnerBody['kind'] | '';
  tier: NonNullable<CreatePartnerBody['tier']>;
  country: string;
  timezone: string;
  website: string;
  ownerManager: string;
  tags: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const empty: Values = {
  name: '',
  legalName: '',
  kind: '',
  tier: 'registered',
  country: '',
  timezone: '',
  website: '',
  ownerManager: '',
  tags: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

/**
 * Register a partner. The API validates; its message for each field shows at the field, and everything typed stays
 * in the form after an error. The partner's page opens once it exists.
 */
export default function RegisterPartnerPage() {
  const [values, setValues] = useState<Values>(empty);
  const create = useCreatePartner();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const error = (path: string) => fieldError(create.error, path);

  const submit = () => {
    create.mutate(toBody(values), {
      onSuccess: (partner) => navigate(`/partners/${encodeURIComponent(partner.id)}`),
    });
  };

  const text = (
    key: keyof Values,
    label: string,
    path: string,
    extra: { hint?: string; optional?: boolean; type?: 'email' | 'url' } = {},
  ) => (
    <FormField
      label={label}
      info={extra.optional ? <i>{f.optional}</i> : undefined}
      constraintText={extra.hint}
      errorText={error(path)}
      stretch
    >
      <Input
        value={values[key]}
        type={extra.type ?? 'text'}
        onChange={({ detail }) => set(key, detail.value as never)}
        invalid={Boolean(error(path))}
      />
    </FormField>
  );

  return (
    <ContentLayout
      header={
        <SpaceBetween size="m">
          <BreadcrumbGroup
            ariaLabel={t.breadcrumbs}
            onFollow={followLink}
            items={[
              { text: t.title, href: '/partners' },
              { text: f.title, href: '/partners/new' },
            ]}
          />
          <Header variant="h1" description={f.description}>
            {f.title}
          </Header>
        </SpaceBetween>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Form
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button formAction="none" variant="link" href="/partners" onFollow={followLink}>
                {f.cancel}
              </Button>
              <Button variant="primary" loading={create.isPending}>
                {f.submit}
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            {create.isError && <ProblemAlert error={create.error} />}
            <Container header={<Header variant="h2">{f.profile}</Header>}>
              <SpaceBetween size="l">
                <ColumnLayout columns={2}>
                  {text('name', f.name, 'body.name')}
                  {text('legalName', f.legalName, 'body.legalName', { optional: true })}
                  <FormField label={f.kind} errorText={error('body.kind')} stretch>
                    <Select
                      selectedOption={option(optionsOf(t.kind), values.kind)}
                      options={optionsOf(t.kind)}
                      placeholder={f.kind}
                      invalid={Boolean(error('body.kind'))}
                      onChange={({ detail }) => set('kind', detail.selectedOption.value as Values['kind'])}
                    />
                  </FormField>
                  <FormField label={f.tier} errorText={error('body.tier')} stretch>
                    <Select
                      selectedOption={option(optionsOf(t.tier), values.tier)}
                      options={optionsOf(t.tier)}
                      onChange={({ detail }) => set('tier', detail.selectedOption.value as Values['tier'])}
                    />
                  </FormField>
                  <FormField label={f.country} errorText={error('body.country')} stretch>
                    <Select
                      selectedOption={option(countryChoices(), values.country)}
                      options={countryChoices()}
                      placeholder={f.countryPlaceholder}
                      filteringType="auto"
                      filteringAriaLabel={f.countryFilter}
                      filteringPlaceholder={f.countryFilter}
                      empty={f.noMatch}
                      virtualScroll
                      invalid={Boolean(error('body.country'))}
                      onChange={({ detail }) => set('country', detail.selectedOption.value ?? '')}
                    />
                  </FormField>
                  <FormField
                    label={f.timezone}
                    constraintText={f.timezoneHint}
                    errorText={error('body.timezone')}
                    stretch
                  >
                    <Select
                      selectedOption={option(timeZoneChoices(), values.timezone)}
                      options={timeZoneChoices()}
                      placeholder={f.timezonePlaceholder}
                      filteringType="auto"
                      filteringAriaLabel={f.timezoneFilter}
                      filteringPlaceholder={f.timezoneFilter}
                      empty={f.noMatch}
                      virtualScroll
                      invalid={Boolean(error('body.timezone'))}
                      onChange={({ detail }) => set('timezone', detail.selectedOption.value ?? '')}
                    />
                  </FormField>
                  {text('website', f.website, 'body.website', { optional: true, hint: f.websiteHint, type: 'url' })}
                  {text('ownerManager', f.ownerManager, 'body.ownerManager', { optional: true, type: 'email' })}
                  {text('tags', f.tags, 'body.tags', { optional: true, hint: f.tagsHint })}
                </ColumnLayout>
              </SpaceBetween>
            </Container>
            <Container
              header={
                <Header variant="h2" description={f.optional}>
                  {f.contact}
                </Header>
              }
            >
              <ColumnLayout columns={3}>
                {text('contactName', f.contactName, 'body.primaryContact.name')}
                {text('contactEmail', f.contactEmail, 'body.primaryContact.email', { type: 'email' })}
                {text('contactPhone', f.contactPhone, 'body.primaryContact.phone', { optional: true })}
              </ColumnLayout>
            </Container>
          </SpaceBetween>
        </Form>
      </form>
    </ContentLayout>
  );
}

function option(options: SelectProps.Option[], value: string): SelectProps.Option | null {
  return options.find((o) => o.value === value) ?? null;
}

/** Only what was filled in: an empty optional field is left out, so the API's defaults and checks apply. */
function toBody(v: Values): CreatePartnerBody {
  const trimmed = (s: string) => s.trim() || undefined;
  const tags = v.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const contact =
    v.contactName.trim() || v.contactEmail.trim() || v.contactPhone.trim()
      ? {
          name: v.contactName.trim(),
          email: v.contactEmail.trim(),
          ...(trimmed(v.contactPhone) ? { phone: v.contactPhone.trim() } : {}),
        }
      : undefined;
  // Required fields go as typed (possibly empty): the API's message then names each missing one.
  return {
    name: v.name,
    kind: v.kind as CreatePartnerBody['kind'],
    tier: v.tier,
    country: v.country,
    timezone: v.timezone,
    ...(trimmed(v.legalName) ? { legalName: v.legalName.trim() } : {}),
    ...(trimmed(v.website) ? { website: v.website.trim() } : {}),
    ...(trimmed(v.ownerManager) ? { ownerManager: v.ownerManager.trim() } : {}),
    ...(tags.length ? { tags } : {}),
    ...(contact ? { primaryContact: contact } : {}),
  };
}
