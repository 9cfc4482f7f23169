/**
 * The contacts screen (listed, each in a form saved as you type, added,
 * moved, removed) and the county's details screen (one form saved as you
 * type). The core checks a phone number, an e-mail address and a web
 * address; a refusal is shown at the field it names.
 */
import type { StudioContact } from '../../bindings/StudioContact';
import type { StudioContactFields } from '../../bindings/StudioContactFields';
import type { StudioOrganisation } from '../../bindings/StudioOrganisation';
import { h } from '../../components/dom';
import { button, field, valueOf, type Field } from '../../features/studio/fields';
import { messages, showFailure } from '../../features/studio/itemForm';
import type { ScreenContext, StudioScreen } from './context';
import { itemList } from './list';

type ContactName = keyof StudioContactFields;

/** The contact's fields as inputs, with the paths the checks use under `base`. */
function contactFields(ctx: ScreenContext, base: string, contact: Partial<StudioContact>): Record<ContactName, Field> {
  const { t } = ctx;
  return {
    name: field({ label: t('contactName'), value: contact.name, field: `${base}/name`, autocomplete: 'off', required: true }),
    role_sv: field({ label: t('roleSv'), value: contact.role_sv, field: `${base}/role/sv`, lang: 'sv' }),
    role_en: field({ label: t('roleEn'), value: contact.role_en, field: `${base}/role/en`, lang: 'en' }),
    phone: field({ label: t('phone'), value: contact.phone, field: `${base}/phone`, type: 'tel' }),
    email: field({ label: t('email'), value: contact.email, field: `${base}/email`, type: 'email' }),
  };
}

function read(fields: Record<ContactName, Field>): StudioContactFields {
  return {
    name: fields.name.input.value.trim(),
    role_sv: valueOf(fields.role_sv.input),
    role_en: valueOf(fields.role_en.input),
    phone: valueOf(fields.phone.input),
    email: valueOf(fields.email.input),
  };
}

function contactForm(ctx: ScreenContext, contact: StudioContact): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const fields = contactFields(ctx, `contacts/${contact.id}`, contact);
  const form: HTMLElement = h(
    'article',
    { class: 'item-form', 'data-form': contact.id, 'aria-labelledby': `contact-${contact.id}` },
    h('h2', { id: `contact-${contact.id}`, 'data-field': `contacts/${contact.id}`, tabindex: '-1' }, contact.name),
    ...Object.values(fields).map((f) => f.element),
    h(
      'div',
      { class: 'form__actions form__actions--end' },
      button(
        `${t('remove')}: ${contact.name}`,
        () => void session.run(true, 'studio_remove_contact', { id: contact.id }).catch((e: unknown) => showFailure(ctx, form, region, e)),
        'secondary',
      ),
    ),
    region,
  );
  for (const f of Object.values(fields)) {
    f.input.addEventListener('input', () => {
      f.invalid(null);
      session.schedule(`contact/${contact.id}`, () =>
        session.run(false, 'studio_update_contact', { id: contact.id, fields: read(fields) }).then(
          () => region.replaceChildren(),
          (e: unknown) => showFailure(ctx, form, region, e),
        ),
      );
    });
    f.input.addEventListener('blur', () => void session.flush());
  }
  return form;
}

function addForm(ctx: ScreenContext): HTMLElement {
  const { t, session } = ctx;
  const region = messages();
  const fields = contactFields(ctx, 'contacts/new', {});
  const form: HTMLFormElement = h(
    'form',
    { class: 'add-form', 'aria-labelledby': 'add-contact', 'data-add-contact': '' },
    h('h3', { id: 'add-contact' }, t('addContact')),
    ...Object.values(fields).map((f) => f.element),
    h('button', { type: 'submit', class: 'button button--primary' }, t('add')),
    region,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    region.replaceChildren();
    for (const f of Object.values(fields)) f.invalid(null);
    void session
      .run(true, 'studio_add_contact', { fields: read(fields) })
      .then((view) => ctx.go('contacts', view.contacts[view.contacts.length - 1]?.id ?? null))
      .catch((e: unknown) => showFailure(ctx, form, region, e));
  });
  return form;
}

export function contactsScreen(ctx: ScreenContext): StudioScreen {
  const contacts = ctx.session.view?.contacts ?? [];
  const selected = contacts.find((c) => c.id === ctx.selected('contacts')) ?? contacts[0];
  const list = itemList({
    heading: ctx.t('contactsHeading'),
    entries: contacts.map((c) => ({ id: c.id, label: c.name, hint: c.role_sv ?? undefined })),
    selected: selected?.id ?? null,
    t: ctx.t,
    onSelect: (id) => ctx.go('contacts', id),
    onMove: (id, to) => void ctx.session.run(true, 'studio_move_contact', { id, to }).catch(() => {}),
  });
  const element = h(
    'div',
    { class: 'studio-screen studio-screen--split' },
    h('div', { class: 'studio-screen__side' }, list, addForm(ctx)),
    h('div', { class: 'studio-screen__form' }, selected ? contactForm(ctx, selected) : null),
  );
  return { element, destroy: () => {} };
}

type OrganisationName = keyof StudioOrganisation;

export function countyScreen(ctx: ScreenContext): StudioScreen {
  const { t, session } = ctx;
  const org = session.view?.organisation ?? null;
  const region = messages();
  const labels: Record<OrganisationName, string> = {
    name: t('countyName'),
    visiting_address: t('visitingAddress'),
    postal_address: t('postalAddress'),
    organisation_number: t('organisationNumber'),
    governor: t('governor'),
    url: t('website'),
  };
  const fields = Object.fromEntries(
    (Object.keys(labels) as OrganisationName[]).map((name) => [
      name,
      field({ label: labels[name], value: org?.[name], field: `organisation/${name}`, type: name === 'url' ? 'url' : 'text', required: name === 'name' }),
    ]),
  ) as Record<OrganisationName, Field>;
  const readAll = (): StudioOrganisation => ({
    name: fields.name.input.value.trim(),
    visiting_address: valueOf(fields.visiting_address.input),
    postal_address: valueOf(fields.postal_address.input),
    organisation_number: valueOf(fields.organisation_number.input),
    governor: valueOf(fields.governor.input),
    url: valueOf(fields.url.input),
  });
  const form: HTMLElement = h(
    'section',
    { class: 'item-form item-form--single', 'aria-labelledby': 'county-heading' },
    h('h2', { id: 'county-heading' }, t('countyHeading')),
    ...Object.values(fields).map((f) => f.element),
    region,
  );
  for (const f of Object.values(fields)) {
    f.input.addEventListener('input', () => {
      f.invalid(null);
      session.schedule('organisation', () =>
        session.run(false, 'studio_set_organisation', { organisation: readAll() }).then(
          () => region.replaceChildren(),
          (e: unknown) => showFailure(ctx, form, region, e),
        ),
      );
    });
    f.input.addEventListener('blur', () => void session.flush());
  }
  return { element: h('div', { class: 'studio-screen' }, form), destroy: () => {} };
}
