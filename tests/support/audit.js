// The page-side half of the audit (tests/support/audit.rs): measurements axe does not make.
// Injected once per page load with axe-core; each check returns a list of offenders as text.
window.__ofisAudit = (() => {
  // What a thumb can tap. Labels count only when they are the target (see `targets`).
  const TAPPABLE = 'button, a[href], input:not([type=hidden]), select, textarea, summary,'
    + ' [role=button], [role=link], [role=tab], [role=menuitem], [role=checkbox],'
    + ' [role=switch], [tabindex]:not([tabindex="-1"]), label';
  const MIN_SIZE = 48;
  const MIN_GAP = 8;
  // Sub-pixel layout: a box of 47.99 px is 48 px.
  const SLACK = 0.5;

  function shown(el) {
    if (el.closest('[hidden], [aria-hidden=true]')) return false;
    const s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden') return false;
    const r = el.getBoundingClientRect();
    // A visually hidden control (a file input behind its label) is tapped through its label.
    return r.width > 2 && r.height > 2;
  }

  // Fixed and sticky bars sit at the viewport; everything else scrolls under them.
  function layer(el) {
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'fixed' || p === 'sticky') return 'bar';
    }
    return 'page';
  }

  function name(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    for (const c of el.classList) s += '.' + c;
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '')
      .replace(/\s+/g, ' ').trim().slice(0, 30);
    return text ? `${s} «${text}»` : s;
  }

  function box(r) {
    return `${Math.round(r.width)}×${Math.round(r.height)} at (${Math.round(r.left)}, ${Math.round(r.top)})`;
  }

  // A label is the target when its control is a checkbox/radio or hidden (a file button).
  function labelIsTarget(label) {
    const c = label.control;
    return !!c && (c.type === 'checkbox' || c.type === 'radio' || !shown(c));
  }

  function targets() {
    const found = [];
    for (const el of document.querySelectorAll(TAPPABLE)) {
      if (!shown(el)) continue;
      if (el.tagName === 'LABEL' && !labelIsTarget(el)) continue;
      if (el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio')
        && [...(el.labels || [])].some(shown)) continue;
      found.push({ el, r: el.getBoundingClientRect(), layer: layer(el) });
    }
    return found;
  }

  function related(a, b) {
    return a.contains(b) || b.contains(a) || (a.control && a.control === b) || (b.control && b.control === a);
  }

  function gap(a, b) {
    const dx = Math.max(0, b.left - a.right, a.left - b.right);
    const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
    return Math.hypot(dx, dy);
  }

  // Every tappable element at least 48×48 CSS px, at least 8 px from its neighbours.
  function touch() {
    const all = targets();
    const out = [];
    for (const t of all) {
      if (t.r.width + SLACK < MIN_SIZE || t.r.height + SLACK < MIN_SIZE) {
        out.push(`too small: ${name(t.el)} is ${box(t.r)}`);
      }
    }
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i], b = all[j];
        if (a.layer !== b.layer || related(a.el, b.el)) continue;
        const d = gap(a.r, b.r);
        if (d + SLACK < MIN_GAP) {
          out.push(`too close (${d.toFixed(1)} px): ${name(a.el)} ${box(a.r)} and ${name(b.el)} ${box(b.r)}`);
        }
      }
    }
    return out;
  }

  // The lines of every text node on screen (charts drawn in SVG scale as pictures, not text).
  function textLines() {
    const lines = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent.trim() || el.closest('svg, style, script') || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width > 1 && r.height > 1) lines.push({ el, r, layer: layer(el) });
      }
    }
    return lines;
  }

  function overlapArea(a, b) {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 1 && h > 1 ? w * h : 0;
  }

  function clipped() {
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      // A text field scrolls a long text under the caret: that is how it shows it.
      if (el.closest('svg') || el.matches('input, textarea, select') || !shown(el)) continue;
      const s = getComputedStyle(el);
      const cutX = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
      const cutY = ['hidden', 'clip'].includes(s.overflowY);
      if (cutX && el.scrollWidth > el.clientWidth + 1) {
        out.push(`cut off: ${name(el)} needs ${el.scrollWidth} px, has ${el.clientWidth}`);
      }
      if (cutY && el.scrollHeight > el.clientHeight + 1) {
        out.push(`cut off: ${name(el)} needs ${el.scrollHeight} px high, has ${el.clientHeight}`);
      }
    }
    return out;
  }

  // An amount on two lines: «1 234,56» split anywhere (its groups are joined by no-break spaces).
  function splitAmounts() {
    const out = [];
    const money = /\d{1,3}(?:[\u00a0\u202f]\d{3})*,\d{2}/g;
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('svg') || !shown(el)) continue;
      for (const m of n.textContent.matchAll(money)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(`amount on ${tops.size} lines: ${name(el)} «${m[0]}»`);
      }
    }
    return out;
  }

  // The text size of every element with text, before the system's text size changes.
  let sizes = new Map();
  function remember() {
    sizes = new Map(textLines().map((l) => [l.el, parseFloat(getComputedStyle(l.el).fontSize)]));
    return [];
  }

  // Text that stayed small when the system's text size doubled (sized in px, not rem/em).
  function fixedText() {
    const out = [];
    for (const [el, before] of sizes) {
      if (!el.isConnected || !shown(el)) continue;
      const now = parseFloat(getComputedStyle(el).fontSize);
      if (now < before * 1.9) out.push(`text does not grow: ${name(el)} ${before} px → ${now} px`);
    }
    return out;
  }

  // At a large text size: text grown, nothing cut off, nothing past the screen's edge, nothing on top of
  // anything else, no amount split over two lines.
  function text() {
    const out = fixedText().concat(clipped(), splitAmounts());
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide on a ${width} px screen`);
    }
    const lines = textLines();
    for (const l of lines) {
      if (l.r.right > width + 1 || l.r.left < -1) out.push(`past the screen's edge: ${name(l.el)} ${box(l.r)}`);
    }
    const items = lines.concat(targets());
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        if (a.layer !== b.layer || a.el === b.el || related(a.el, b.el)) continue;
        if (overlapArea(a.r, b.r) > 0) {
          out.push(`overlap: ${name(a.el)} ${box(a.r)} and ${name(b.el)} ${box(b.r)}`);
        }
      }
    }
    return out.concat(reachable());
  }

  // The fixed bars at the bottom, and where they begin.
  function barsTop() {
    let top = window.innerHeight;
    for (const el of document.body.querySelectorAll('*')) {
      if (getComputedStyle(el).position !== 'fixed' || !shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom >= window.innerHeight - 1) top = Math.min(top, r.top);
    }
    return top;
  }

  // Scrolled to the end, the page's last things clear the bars fixed at the bottom.
  function reachable() {
    const out = [];
    const scrolled = window.scrollY;
    window.scrollTo(0, document.documentElement.scrollHeight);
    const top = barsTop();
    for (const item of textLines().concat(targets())) {
      if (item.layer === 'page' && item.r.bottom > top + 1) {
        out.push(`under the bars at the bottom even scrolled to the end: ${name(item.el)} ${box(item.r)}`);
      }
    }
    window.scrollTo(0, scrolled);
    return [...new Set(out)];
  }

  // With the keyboard open (a shorter viewport), the last field of the screen, focused, is in
  // view and not under a fixed bar.
  function keyboard() {
    const fields = [...document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), textarea')]
      .filter(shown);
    if (!fields.length) return [];
    const last = fields[fields.length - 1];
    const before = document.activeElement;
    const scrolled = window.scrollY;
    // As the keyboard opens for it: a field typed into last is focused already, and focusing
    // it again would not bring it into view.
    last.blur();
    last.focus();
    const r = last.getBoundingClientRect();
    const out = [];
    if (r.top < 0 || r.bottom > window.innerHeight) out.push(`focused but out of view: ${name(last)} ${box(r)}`);
    for (const el of document.body.querySelectorAll('*')) {
      const p = getComputedStyle(el).position;
      if ((p !== 'fixed' && p !== 'sticky') || el.contains(last) || !shown(el)) continue;
      const bar = el.getBoundingClientRect();
      if (overlapArea(r, bar) > 0) out.push(`focused field under ${name(el).slice(0, 40)}: ${name(last)} ${box(r)}`);
    }
    last.blur();
    if (before && before !== document.body && before.focus) before.focus({ preventScroll: true });
    window.scrollTo(0, scrolled);
    return out;
  }

  // What a screen reader says for a control: its label, else its text.
  function spoken(el) {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
    if (el.labels && el.labels.length) return [...el.labels].map((l) => l.textContent).join(' ');
    return el.matches('input, select, textarea') ? '' : el.textContent;
  }

  // Every control is named in Russian (an icon alone — «+», «★», «⋮», «‹» — is not a name);
  // errors are announced; card fields bring up the digit keypad, amounts and readings the
  // decimal one.
  function names() {
    const out = [];
    const controls = 'button, a[href], [role=button], input:not([type=hidden]), select, textarea';
    for (const el of document.querySelectorAll(controls)) {
      if (el.closest('[aria-hidden=true]')) continue;
      const said = spoken(el).replace(/\s+/g, ' ').trim();
      if (!/[а-яё]/i.test(said)) out.push(`no Russian name: ${name(el)} is called «${said}»`);
    }
    // An error appears where it is said: in a live region (role=alert/status or aria-live).
    for (const el of document.querySelectorAll('.error')) {
      if (shown(el) && !el.closest('[role=alert], [role=status], [aria-live]:not([aria-live=off])')) {
        out.push(`error not announced (no live region): ${name(el)}`);
      }
    }
    for (const el of document.querySelectorAll('input[autocomplete^="cc-"]')) {
      if (el.inputMode !== 'numeric') out.push(`card field without the digit keypad: ${name(el)}`);
    }
    for (const el of document.querySelectorAll('input[id^="reading-"], input[id$="-amount"]')) {
      if (el.inputMode !== 'decimal') out.push(`amount or reading without the decimal keypad: ${name(el)}`);
    }
    return out;
  }

  return { touch, remember, text, keyboard, names };
})();
