import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { FieldName } from '../../src/config/config-schema';
import type { LeadBotCheck, LeadFields } from '../../src/protocol/lead';
import { LeadForm, type LeadFormProps } from '../../src/ui/lead-form/lead-form';

type Outcome = 'sent' | 'queued';

function renderForm(overrides: Partial<LeadFormProps> = {}) {
  const onSubmit = vi.fn<(fields: LeadFields, botCheck?: LeadBotCheck) => Promise<Outcome>>(
    overrides.onSubmit ?? (async () => 'sent'),
  );
  const props: LeadFormProps = {
    fields: ['name', 'email', 'phone', 'orgnr'],
    locale: 'sv',
    allowPersonnummer: false,
    ...overrides,
    onSubmit,
  };
  const view = render(<LeadForm {...props} />);
  const form = view.container.querySelector('form');
  if (!form) throw new Error('no form rendered');
  const input = (name: FieldName): HTMLInputElement => {
    const element = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!element) throw new Error(`no input named ${name}`);
    return element;
  };
  const type = (name: FieldName, value: string) =>
    fireEvent.input(input(name), { target: { value } });
  const submit = () => fireEvent.submit(form);
  return { ...view, form, input, type, submit, onSubmit };
}

function fillValid(type: (name: FieldName, value: string) => void) {
  type('name', '  Åsa   Öberg ');
  type('email', 'Anna.Ostrom+chat@Exempel.SE');
  type('phone', '070-123 45 67');
  type('orgnr', '5567037485');
}

describe('LeadForm', () => {
  it('shows only the configured fields, each with a label', () => {
    const { form } = renderForm({ fields: ['email', 'name'] });
    const names = [...form.querySelectorAll('input')].map((element) => element.name);
    expect(names).toEqual(['name', 'email']);
    expect(screen.getByLabelText('Namn')).toBeTruthy();
    expect(screen.getByLabelText('E-post')).toBeTruthy();
    expect(screen.queryByLabelText('Telefon')).toBeNull();
    expect(form.getAttribute('part')).toBe('lead-form');
    expect(form.querySelector('button[type="submit"]')?.getAttribute('part')).toBe('lead-submit');
  });

  it('gives each field its autocomplete and input mode', () => {
    const { input } = renderForm();
    const shape = (name: FieldName) => [
      input(name).getAttribute('autocomplete'),
      input(name).getAttribute('inputmode'),
    ];
    expect(shape('name')).toEqual(['name', null]);
    expect(shape('email')).toEqual(['email', 'email']);
    expect(shape('phone')).toEqual(['tel', 'tel']);
    expect(shape('orgnr')).toEqual(['off', 'numeric']);
  });

  it('states the purpose and retention, and opens the policy in a new tab without an opener', () => {
    renderForm({ policyUrl: 'https://exempel.se/integritet' });
    expect(screen.getByText(/12 månader efter senaste kontakten/)).toBeTruthy();
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('https://exempel.se/integritet');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('flags an invalid orgnr, moves focus to it and submits nothing', async () => {
    const { input, type, submit, onSubmit } = renderForm();
    fillValid(type);
    type('orgnr', '556703-7484');
    submit();
    const orgnr = input('orgnr');
    expect(orgnr.getAttribute('aria-invalid')).toBe('true');
    const describedBy = orgnr.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe(
      'Organisationsnumret stämmer inte. Kontrollera siffrorna.',
    );
    await waitFor(() => expect(document.activeElement).toBe(orgnr));
    expect(input('name').getAttribute('aria-invalid')).toBeNull();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('flags every invalid field and focuses the first of them', async () => {
    const { input, type, submit, onSubmit } = renderForm();
    type('name', 'Åsa');
    type('email', 'anna..b@exempel.se');
    type('phone', '070-123 45 6');
    submit();
    expect(input('name').getAttribute('aria-invalid')).toBeNull();
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    expect(input('phone').getAttribute('aria-invalid')).toBe('true');
    expect(input('orgnr').getAttribute('aria-invalid')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(input('email')));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('keeps the values as typed after a refused submit', () => {
    const { input, type, submit } = renderForm();
    fillValid(type);
    type('orgnr', '556703-7484');
    submit();
    expect(input('name').value).toBe('  Åsa   Öberg ');
    expect(input('email').value).toBe('Anna.Ostrom+chat@Exempel.SE');
    expect(input('phone').value).toBe('070-123 45 67');
    expect(input('orgnr').value).toBe('556703-7484');
  });

  it('once corrected, submits exactly the normalised configured fields', async () => {
    const { input, type, submit, onSubmit } = renderForm();
    fillValid(type);
    type('orgnr', '556703-7484');
    submit();
    type('orgnr', '556703-7485');
    expect(input('orgnr').getAttribute('aria-invalid')).toBeNull();
    submit();
    await screen.findByText('Tack! Vi hör av oss så snart vi kan.');
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({
      name: 'Åsa Öberg',
      email: 'Anna.Ostrom+chat@exempel.se',
      phone: '+46701234567',
      orgnr: '556703-7485',
    });
  });

  it('sends only the configured fields, whatever the draft holds', async () => {
    const { submit, onSubmit } = renderForm({
      fields: ['email'],
      initialValues: { name: 'Åsa', email: 'asa@exempel.se', phone: '0701234567' },
    });
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ email: 'asa@exempel.se' });
  });

  it('leaves out an empty organisation number', async () => {
    const { type, submit, onSubmit } = renderForm({ fields: ['name', 'orgnr'] });
    type('name', 'Åsa');
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ name: 'Åsa' });
  });

  it('refuses a personal identity number as orgnr unless the site allows it', async () => {
    const refused = renderForm({ fields: ['orgnr'] });
    refused.type('orgnr', '121212-1212');
    refused.submit();
    expect(screen.getByText(/ser ut som ett personnummer/)).toBeTruthy();
    expect(refused.onSubmit).not.toHaveBeenCalled();
    refused.unmount();

    const allowed = renderForm({ fields: ['orgnr'], allowPersonnummer: true });
    allowed.type('orgnr', '121212-1212');
    allowed.submit();
    await waitFor(() => expect(allowed.onSubmit).toHaveBeenCalledTimes(1));
    expect(allowed.onSubmit.mock.calls[0]?.[0]).toEqual({ orgnr: '121212-1212' });
  });

  it('tells the visitor a queued lead will be sent automatically later', async () => {
    const { type, submit } = renderForm({ fields: ['email'], onSubmit: async () => 'queued' });
    type('email', 'asa@exempel.se');
    submit();
    const note = await screen.findByRole('status');
    expect(note.textContent).toMatch(/skickar uppgifterna automatiskt så snart det går/);
  });

  it('keeps the values and says so when sending fails', async () => {
    const onSubmit = vi.fn(async (): Promise<Outcome> => {
      throw new Error('offline');
    });
    const { input, type, submit } = renderForm({ fields: ['email'], onSubmit });
    type('email', 'asa@exempel.se');
    submit();
    await screen.findByRole('alert');
    expect(input('email').value).toBe('asa@exempel.se');
  });

  it('reports every change so the draft can be kept', () => {
    const onValuesChange = vi.fn();
    const { type } = renderForm({
      fields: ['name', 'email'],
      onValuesChange,
      initialValues: { name: 'Å' },
    });
    type('email', 'a@exempel.se');
    expect(onValuesChange).toHaveBeenLastCalledWith({ name: 'Å', email: 'a@exempel.se' });
  });

  it('speaks English when asked to', () => {
    const { submit } = renderForm({ locale: 'en', fields: ['phone'] });
    submit();
    expect(screen.getByLabelText('Phone')).toBeTruthy();
    expect(screen.getByText('Enter your phone number.')).toBeTruthy();
  });
});

describe('LeadForm and autofill', () => {
  it('keeps every field a browser fills in one task, before the form renders again', async () => {
    const { input, submit, onSubmit } = renderForm({ fields: ['name', 'email'] });
    // Autofill sets each field and fires its input event, one after the
    // other, without a render in between (no act() here on purpose).
    for (const [name, value] of [
      ['name', 'Åsa Öberg'],
      ['email', 'asa@exempel.se'],
    ] as const) {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input', { bubbles: true }));
    }
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ name: 'Åsa Öberg', email: 'asa@exempel.se' });
  });
});

describe('LeadForm without a native form submission', () => {
  // A frame sandboxed without `allow-forms` drops every submission; the
  // events before it (clicks, keys) still happen.
  function blockSubmission(form: HTMLFormElement) {
    const drop = (event: Event) => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    form.ownerDocument.addEventListener('submit', drop, { capture: true });
    return () => form.ownerDocument.removeEventListener('submit', drop, { capture: true });
  }

  it('sends from a click on the submit button', async () => {
    const { form, type, onSubmit } = renderForm();
    const unblock = blockSubmission(form);
    fillValid(type);
    form.querySelector<HTMLButtonElement>('[part=lead-submit]')?.click();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    unblock();
  });

  it('sends from Enter in a field, once', async () => {
    const { form, type, input, onSubmit } = renderForm();
    const unblock = blockSubmission(form);
    fillValid(type);
    fireEvent.keyDown(input('email'), { key: 'Enter' });
    fireEvent.keyDown(input('email'), { key: 'Enter' });
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    unblock();
  });
});

describe('LeadForm against scripts (botCheck)', () => {
  function clock(start = 10_000) {
    let time = start;
    return { now: () => time, pass: (ms: number) => (time += ms) };
  }

  it('has a honeypot no person can see, reach or have autofilled', () => {
    const { form } = renderForm({ botCheck: true });
    const trap = form.querySelector<HTMLTextAreaElement>('textarea[name=comment]');
    expect(trap?.closest('[hidden]')?.classList.contains('lead-trap')).toBe(true);
    expect(trap?.tabIndex).toBe(-1);
    expect(trap?.getAttribute('autocomplete')).toBe('off');
    expect(trap?.hasAttribute('data-1p-ignore')).toBe(true);
    expect(trap?.getAttribute('data-lpignore')).toBe('true');
  });

  it('sends a form filled in at a human pace with its fill time, and no honeypot value', async () => {
    const time = clock();
    const { type, submit, onSubmit } = renderForm({ botCheck: true, now: time.now });
    fillValid(type);
    // A browser's autofill, a second after the form appeared.
    time.pass(1_000);
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[1]).toEqual({ fillMs: 1_000 });
  });

  it('sends nothing, but thanks as usual, when the honeypot is filled in', async () => {
    const time = clock();
    const { form, type, submit, onSubmit } = renderForm({ botCheck: true, now: time.now });
    fillValid(type);
    const trap = form.querySelector<HTMLTextAreaElement>('textarea[name=comment]');
    if (trap) trap.value = 'https://spam.example';
    time.pass(5_000);
    submit();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Tack'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends nothing, but thanks as usual, when sent within 500 ms of being shown', async () => {
    const time = clock();
    const { type, submit, onSubmit } = renderForm({ botCheck: true, now: time.now });
    fillValid(type);
    time.pass(200);
    submit();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Tack'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('never judges the time of a form that opened on a restored draft', async () => {
    const time = clock();
    const { submit, onSubmit } = renderForm({
      botCheck: true,
      now: time.now,
      initialValues: { name: 'Åsa Öberg', email: 'asa@exempel.se' },
      fields: ['name', 'email'],
    });
    time.pass(100);
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[1]).toEqual({});
  });

  it('is off unless asked for: no honeypot, no check', async () => {
    const { form, type, submit, onSubmit } = renderForm();
    expect(form.querySelector('textarea[name=comment]')).toBeNull();
    fillValid(type);
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[1]).toBeUndefined();
  });
});
