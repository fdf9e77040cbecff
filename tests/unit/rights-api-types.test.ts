/**
 * Type tests of the rights API (compiled by `npm run typecheck`; the
 * `@ts-expect-error` lines fail the build if they ever compile).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ContactFields,
  RightsRequestResult,
  SamtalApi,
  SamtalEvents,
} from '../../src/api/samtal-api';

describe('the rights API types', () => {
  it('types data.rectify, restrict and object', () => {
    expectTypeOf<SamtalApi['data']['rectify']>().parameter(0).toEqualTypeOf<ContactFields>();
    expectTypeOf<SamtalApi['data']['rectify']>().returns.toEqualTypeOf<
      Promise<RightsRequestResult>
    >();
    expectTypeOf<SamtalApi['data']['restrict']>().returns.toEqualTypeOf<
      Promise<RightsRequestResult>
    >();
    expectTypeOf<SamtalApi['data']['object']>().returns.toEqualTypeOf<
      Promise<RightsRequestResult>
    >();
    expectTypeOf<RightsRequestResult['delivery']>().toEqualTypeOf<'sent' | 'queued'>();
  });

  it('refuses a key that is not a contact field, and a value that is not a string', () => {
    const check = (api: SamtalApi) => {
      // @ts-expect-error: `city` is not a contact field
      void api.data.rectify({ city: 'Umeå' });
      // @ts-expect-error: values are text, as typed in the form
      void api.data.rectify({ phone: 701234567 });
      void api.data.rectify({ email: 'asa@exempel.se' });
    };
    expectTypeOf(check).toBeFunction();
  });

  it('types the rights event', () => {
    expectTypeOf<SamtalEvents['rights']>().toEqualTypeOf<{
      id: string;
      kind: 'rectify' | 'restrict' | 'object';
      submittedAt: string;
    }>();
  });
});
