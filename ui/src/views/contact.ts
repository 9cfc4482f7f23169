import type { ContactView } from '../bindings/ContactView';
import type { OrganisationView } from '../bindings/OrganisationView';
import { button } from '../components/button';
import { h, uid } from '../components/dom';
import { hasContactCard } from '../features/qr/qr';
import { markLanguage, type StringKey, type Translate } from '../features/i18n/i18n';
import { screenTitle, type ViewContext, type ViewResult } from './context';

/** A `tel:` URI for a number as people write it ("060-19 90 00" → "tel:060199000"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function contactCard(contact: ContactView, ctx: ViewContext): HTMLElement {
  const { t, language } = ctx;
  const rows: Node[] = [];
  if (contact.phone) {
    rows.push(
      h('dt', {}, t('phone')),
      h('dd', {}, h('a', { href: telHref(contact.phone), class: 'link', 'data-contact-phone': '' }, contact.phone)),
    );
  }
  if (contact.email) {
    rows.push(
      h('dt', {}, t('email')),
      h('dd', {}, h('a', { href: `mailto:${contact.email}`, class: 'link', 'data-contact-email': '' }, contact.email)),
    );
  }
  const nameId = uid('contact-name');
  const card = hasContactCard(contact)
    ? button(
        'secondary',
        { class: 'btn--qr contact-card__qr', 'data-qr-contact': contact.id, 'aria-describedby': nameId },
        (event) => ctx.showQr({ kind: 'contact', contact }, event.currentTarget as HTMLElement),
        t('qrContactButton'),
      )
    : null;
  return h(
    'li',
    { class: 'contact-card', 'data-contact': contact.id },
    h('h3', { class: 'contact-card__name', id: nameId }, contact.name),
    markLanguage(h('p', { class: 'contact-card__role' }, contact.role), contact.role_language, language),
    rows.length ? h('dl', { class: 'facts' }, rows) : null,
    card,
  );
}

function organisationSection(org: OrganisationView, t: Translate): HTMLElement {
  const rows: Node[] = [];
  const row = (label: StringKey, value: string | null, field: string): void => {
    if (!value || !value.trim()) return;
    rows.push(h('dt', {}, t(label)), h('dd', { 'data-org': field }, value));
  };
  row('governor', org.governor, 'governor');
  row('visitingAddress', org.visiting_address, 'visiting_address');
  row('postalAddress', org.postal_address, 'postal_address');
  row('organisationNumber', org.organisation_number, 'organisation_number');
  if (org.url) {
    rows.push(h('dt', {}, t('website')), h('dd', { 'data-org': 'url' }, h('a', { href: org.url, class: 'link' }, org.url)));
  }
  const headingId = uid('org-title');
  return h(
    'section',
    { class: 'organisation', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, org.name),
    rows.length ? h('dl', { class: 'facts' }, rows) : null,
  );
}

/** Who to contact: the people, then the organisation. */
export function renderContact(ctx: ViewContext): ViewResult {
  const { content, t } = ctx;
  const nodes: Node[] = [screenTitle(t('contactHeading'))];
  if (content.contacts.length) {
    const headingId = uid('contacts-title');
    nodes.push(
      h(
        'section',
        { class: 'contacts', 'aria-labelledby': headingId },
        h('h2', { id: headingId }, t('contactsHeading')),
        h('ul', { class: 'contact-list' }, content.contacts.map((c) => contactCard(c, ctx))),
      ),
    );
  } else {
    nodes.push(h('p', { class: 'empty' }, t('noContacts')));
  }
  if (content.organisation) nodes.push(organisationSection(content.organisation, t));
  return { screen: 'contact', title: t('contactHeading'), nodes };
}
