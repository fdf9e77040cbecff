/** How a lead is named in lists and headings: the name, else the e-mail, else the phone. */
import type { AdminLead } from '../../../protocol/admin';

export function leadTitle(lead: Pick<AdminLead, 'fields'>, unnamed: string): string {
  return lead.fields.name ?? lead.fields.email ?? lead.fields.phone ?? lead.fields.orgnr ?? unnamed;
}
