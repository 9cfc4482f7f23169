import { describe, expect, it, vi } from 'vitest';
import type { ContentView } from '../bindings/ContentView';
import { createPlayer } from '../components/videoPlayer';
import { translator } from '../features/i18n/i18n';
import { fixtureContent } from '../fixtures/content';
import { renderContact, telHref } from './contact';
import type { ViewContext } from './context';

function render(content: ContentView, showQr: ViewContext['showQr'] = () => {}): HTMLElement {
  const language = content.language;
  const result = renderContact({
    content,
    language,
    t: translator(language),
    route: { screen: 'contact' },
    go: () => {},
    player: createPlayer(),
    showQr,
  });
  const main = document.createElement('main');
  main.append(...result.nodes);
  return main;
}

const labels = (el: Element): string[] => [...el.querySelectorAll('dt')].map((dt) => dt.textContent ?? '');

describe('the contact screen', () => {
  it('shows phone and e-mail as tel:/mailto: links only when present', () => {
    const main = render(fixtureContent('sv'));
    const anna = main.querySelector('[data-contact="anna-karlsson"]')!;
    expect(anna.querySelector('h3')?.textContent).toBe('Anna Karlsson');
    expect(anna.querySelector('dl')).toBeNull();
    expect(anna.querySelector('a')).toBeNull();
    const test = main.querySelector('[data-contact="testperson"]')!;
    expect(labels(test)).toEqual(['Telefon', 'E-post']);
    expect(test.querySelector('[data-contact-phone]')?.getAttribute('href')).toBe('tel:0000000000');
    expect(test.querySelector('[data-contact-phone]')?.textContent).toBe('000-000 00 00');
    expect(test.querySelector('[data-contact-email]')?.getAttribute('href')).toBe('mailto:testperson@example.org');
  });

  it('shows a phone row without an e-mail row, and the other way round', () => {
    const content = fixtureContent('sv');
    content.contacts = [
      { ...content.contacts[2]!, id: 'only-phone', email: null },
      { ...content.contacts[2]!, id: 'only-email', phone: null },
    ];
    const main = render(content);
    expect(labels(main.querySelector('[data-contact="only-phone"]')!)).toEqual(['Telefon']);
    expect(labels(main.querySelector('[data-contact="only-email"]')!)).toEqual(['E-post']);
  });

  it('shows each organisation row only when present', () => {
    const content = fixtureContent('sv');
    const org = orgOf(render(content));
    expect(org.querySelector('h2')?.textContent).toBe('Länsstyrelsen Västernorrland');
    expect(labels(org)).toEqual(['Landshövding', 'Besöksadress', 'Postadress', 'Organisationsnummer']);
    expect(org.querySelector('[data-org="governor"]')?.textContent).toBe('Carin Jämtin');
    expect(org.querySelector('[data-org="organisation_number"]')?.textContent).toBe('202100-2445');
    expect(org.querySelector('[data-org="postal_address"]')?.textContent).toBe('871 86 Härnösand');

    content.organisation = { ...content.organisation!, postal_address: null, organisation_number: '  ' };
    expect(labels(orgOf(render(content)))).toEqual(['Landshövding', 'Besöksadress']);

    content.organisation = { ...content.organisation, url: 'https://www.lansstyrelsen.se/vasternorrland' };
    const withSite = orgOf(render(content));
    expect(labels(withSite)).toEqual(['Landshövding', 'Besöksadress', 'Webbplats']);
    expect(withSite.querySelector('[data-org="url"] a')?.getAttribute('href')).toBe('https://www.lansstyrelsen.se/vasternorrland');

    content.organisation = { ...content.organisation, governor: null, visiting_address: null, url: null };
    const bare = orgOf(render(content));
    expect(bare.querySelector('dl')).toBeNull();
    expect(bare.textContent).not.toMatch(/Landshövding|Besöksadress|Postadress|Organisationsnummer/);

    function orgOf(el: HTMLElement): Element {
      return el.querySelector('.organisation')!;
    }
  });

  it('marks a role written in another language than the UI', () => {
    const main = render(fixtureContent('en'));
    // Ulrika Viklund's role is left in Swedish in the English fixture.
    expect(main.querySelector('[data-contact="ulrika-viklund"] .contact-card__role')?.getAttribute('lang')).toBe('sv');
    expect(main.querySelector('[data-contact="anna-karlsson"] .contact-card__role')?.hasAttribute('lang')).toBe(false);
    expect(labels(main.querySelector('.organisation')!)).toEqual([
      'County governor',
      'Visiting address',
      'Postal address',
      'Organisation number',
    ]);
  });

  it('offers a contact card QR code only for contacts with a phone or an e-mail', () => {
    const content = fixtureContent('sv');
    content.contacts = [
      content.contacts[0]!, // neither
      { ...content.contacts[2]!, id: 'only-phone', email: null },
      { ...content.contacts[2]!, id: 'only-email', phone: null },
      { ...content.contacts[2]!, id: 'blank', phone: ' ', email: '' },
    ];
    const showQr = vi.fn();
    const main = render(content, showQr);
    expect([...main.querySelectorAll<HTMLElement>('[data-qr-contact]')].map((b) => b.dataset.qrContact), 'a card without a way to reach the person is no use').toEqual([
      'only-phone',
      'only-email',
    ]);
    const button = main.querySelector<HTMLButtonElement>('[data-qr-contact="only-phone"]')!;
    expect(button.textContent).toBe('Spara i mobilen');
    const name = main.querySelector('[data-contact="only-phone"] h3')!;
    expect(button.getAttribute('aria-describedby'), 'each button says whose card it is').toBe(name.id);
    button.click();
    expect(showQr).toHaveBeenCalledWith({ kind: 'contact', contact: content.contacts[1] }, button);
  });

  it('writes tel: URIs without spaces', () => {
    expect(telHref('060-19 90 00')).toBe('tel:060199000');
    expect(telHref('+46 60 19 90 00')).toBe('tel:+4660199000');
  });
});
