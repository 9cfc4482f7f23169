// What a visitor could not use or read on the screen as it is, as a script
// for WebDriver's execute (its value: a list of faults, empty when none):
// anything sticking out sideways; a button under 44×44 px (WCAG 2.5.5's
// size, which a stand's touch screen needs); and a word of a heading, a
// title, a tile or the attract screen's words broken across two lines (a
// film's title broke as "Studentlägenhete/n" on a 600 px wide screen).
export const LAYOUT_FAULTS = `
  const faults = [];
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (overflow > 0) faults.push('sticks out sideways by ' + overflow + ' px');
  for (const el of document.querySelectorAll('header button, nav button, main button')) {
    if (el.offsetParent === null) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) faults.push('a ' + Math.round(r.width) + '×' + Math.round(r.height) + ' px target: ' + el.textContent.trim().slice(0, 30));
  }
  for (const el of document.querySelectorAll('main h1, main h2, main h3, .card__title, .tile__label, [data-attract] p')) {
    if (el.offsetParent === null && !el.closest('[data-attract]')) continue;
    for (const text of el.childNodes) {
      if (text.nodeType !== 3) continue;
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(text.data))) {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) faults.push('"' + m[0] + '" broken across ' + lines.size + ' lines');
      }
    }
  }
  return faults;`;
