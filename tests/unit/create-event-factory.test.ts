import { describe, expect, it } from 'vitest';
import { createEventFactory } from '../../src/telemetry/create-event-factory';

const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const at = Date.parse('2026-03-01T10:00:00.000Z');

function factory() {
  const dropped: string[] = [];
  const make = createEventFactory({
    newId: () => id,
    now: () => at,
    onInvalid: (type, issues) => dropped.push(`${type}: ${issues}`),
  });
  return { make, dropped };
}

describe('createEventFactory', () => {
  it('makes a page view with id, time and type', () => {
    const { make } = factory();
    expect(
      make.pageView({ path: '/a', navigation: 'load', referrer: 'https://search.example' }),
    ).toEqual({
      id,
      at: '2026-03-01T10:00:00.000Z',
      type: 'page-view',
      path: '/a',
      navigation: 'load',
      referrer: 'https://search.example',
    });
  });

  it('drops a page view whose path holds a query string', () => {
    const { make, dropped } = factory();
    expect(make.pageView({ path: '/a?email=anna@example.se', navigation: 'spa' })).toBeNull();
    expect(dropped).toEqual([expect.stringMatching(/^page-view: path/)]);
  });

  it('drops a referrer that is more than an origin', () => {
    const { make } = factory();
    expect(
      make.pageView({
        path: '/',
        navigation: 'load',
        referrer: 'https://search.example/?q=secret',
      }),
    ).toBeNull();
  });

  it('makes a widget event with a length bucket, never more', () => {
    const { make } = factory();
    expect(make.widget('message-sent', '21-80')).toMatchObject({
      type: 'widget',
      action: 'message-sent',
      lengthBucket: '21-80',
    });
    expect(make.widget('message-sent', 'Hej, jag heter Anna')).toBeNull();
    expect(make.widget('typed-secret')).toBeNull();
  });

  it('drops an engagement longer than a day or negative', () => {
    const { make } = factory();
    expect(make.engagement({ path: '/', visibleMs: 1500 })).toMatchObject({ visibleMs: 1500 });
    expect(make.engagement({ path: '/', visibleMs: -1 })).toBeNull();
    expect(make.engagement({ path: '/', visibleMs: 86_400_001 })).toBeNull();
  });

  it('drops extra fields: the schemas are strict', () => {
    const { make } = factory();
    const withExtra = { path: '/', outbound: true, target: 'https://x.example', text: 'hej' };
    expect(make.linkClick(withExtra)).toBeNull();
  });

  it('makes a device event from coarse facts only', () => {
    const { make } = factory();
    expect(
      make.device({
        deviceType: 'mobile',
        browser: 'safari',
        browserMajor: 17,
        os: 'ios',
        viewport: '<480',
        language: 'sv-SE',
        timeZone: 'Europe/Stockholm',
      }),
    ).toMatchObject({ type: 'device', browser: 'safari' });
  });
});
