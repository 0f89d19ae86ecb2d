import { functions } from '#functions/manifest';
import { catalog } from '#functions/catalog';
import { SlaBreached } from '#functions/alerts/events';
import { formatDuration, formatNumber, formatTime } from '#shared/notify/format';
import { notify } from '#shared/notify/template';
import { notificationTemplates, subscriptionsOf } from '#functions/platform/notifications/templates';

// unit: the notifier hears exactly the events that have a template, and the templates' formatting helpers.

const key = ({ source, detailType }: { source: string; detailType: string }) => `${source}|${detailType}`;
const templated = notificationTemplates.map((t) => key(t.definition));

describe('notification templates', () => {
  it('subscribes the notifier to exactly the events that have a template, both ways', () => {
    // Prepare
    const notifier = functions.find((spec) => spec.name === 'notifier');
    if (notifier?.trigger !== 'event') throw new Error('the manifest has no notifier consumer');

    // Act
    const subscribed = notifier.events.flatMap(({ source, detailTypes }) =>
      detailTypes.map((detailType) => key({ source, detailType })),
    );

    // Assess
    expect([...subscribed].sort()).toEqual([...templated].sort());
  });

  it('has at most one template per event, each for an event of the catalog', () => {
    expect(new Set(templated).size).toBe(templated.length);
    for (const event of templated) expect(catalog.map(key)).toContain(event);
  });

  it('mails an alert once: SlaBreached, raised with AlertRaised, has no template', () => {
    expect(templated).not.toContain(key(SlaBreached));
  });

  it('groups subscriptions by source, in the order of the templates, each detail type once', () => {
    // Prepare
    const plan = () => ({ partnerId: undefined, audience: 'vendor' as const, subject: 's', text: 't' });
    const event = (source: string, detailType: string) => ({ source, detailType, data: SlaBreached.data });

    // Act
    const subscriptions = subscriptionsOf([
      notify(event('a', 'One'), plan),
      notify(event('b', 'Two'), plan),
      notify(event('a', 'Three'), plan),
      notify(event('a', 'One'), plan),
    ]);

    // Assess
    expect(subscriptions).toEqual([
      { source: 'a', detailTypes: ['One', 'Three'] },
      { source: 'b', detailTypes: ['Two'] },
    ]);
  });

  it.each([
    [91.5, '91.5'],
    [95, '95'],
    [1 / 3, '0.33'],
    [0.999, '1'],
  ])('writes the number %p as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    ['PT1H', '1h'],
    ['P3D', '3d'],
    ['P1DT12H', '1d 12h'],
    ['PT5M', '5m'],
    ['P1W', '1w'],
    ['PT0H', 'PT0H'],
    ['P', 'P'],
    ['P1DT', 'P1DT'],
    ['soon', 'soon'],
  ])('writes the duration %s as %s', (iso, text) => {
    expect(formatDuration(iso)).toBe(text);
  });

  it.each([
    ['2026-12-01T10:05:00.000Z', '2026-12-01 10:05 UTC'],
    ['2026-12-01', '2026-12-01'],
  ])('writes the time %s as %s', (iso, text) => {
    expect(formatTime(iso)).toBe(text);
  });
});
