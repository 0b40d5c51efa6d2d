package com.sintra.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures the page as a person sees it, from bounding boxes: what sticks out past the right edge, what
 * scrolls sideways, and whether the things a person must reach are on screen. Each finding names the element
 * (tag, id, classes and its first words), so a failure says what to fix.
 */
final class Layout {

    /** Describes an element for a failure message; defined with the DOM helpers. */
    private static final String DESCRIBE = """
            const sintraDescribe = el => {
              let d = el.localName + (el.id ? '#' + el.id : '') + (el.getAttribute('part') ? '[part=' + el.getAttribute('part') + ']' : '');
              const root = el.getRootNode();
              if (root instanceof ShadowRoot && !el.id) d += ' (in ' + root.host.localName + (root.host.id ? '#' + root.host.id : '') + ')';
              const classes = [...el.classList].filter(c => !c.startsWith('_')).slice(0, 3);
              if (classes.length) d += '.' + classes.join('.');
              const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
              return text ? d + ' "' + text + '"' : d;
            };
            const sintraShown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
            // Components that scroll sideways by design (a grid's columns, a row of tabs), and Vaadin's connection
            // indicator, whose message waits off screen until it is needed.
            const sintraExempt = el => {
              for (let a = el; a; a = sintraParent(a)) {
                if (['vaadin-grid', 'vaadin-tabs', 'vaadin-connection-indicator'].includes(a.localName)) return true;
              }
              return false;
            };
            """;

    private Layout() {
    }

    /** Horizontal overflow of the whole page: every finding, outermost elements only. */
    static List<String> overflow(Browser browser) {
        return strings(browser.js(Browser.DOM + DESCRIBE + """
                const vw = document.documentElement.clientWidth;
                const problems = [];
                const root = document.documentElement;
                if (root.scrollWidth > vw) {
                  problems.push('the page scrolls sideways (document scrollWidth ' + root.scrollWidth + ' > clientWidth ' + vw + ')');
                }
                const clips = el => !['visible'].includes(getComputedStyle(el).overflowX);
                const beyond = new Set();
                for (const el of sintraAll('*')) {
                  if (!sintraShown(el)) continue;
                  const r = el.getBoundingClientRect();
                  if (r.width === 0 || r.right <= vw + 1 || (sintraParent(el) && sintraExempt(sintraParent(el)))) continue;
                  let clipped = false;
                  for (let a = sintraParent(el); a && a !== root && a !== document.body; a = sintraParent(a)) {
                    if (clips(a) && a.getBoundingClientRect().right <= vw + 1) { clipped = true; break; }
                  }
                  if (!clipped) beyond.add(el);
                }
                for (const el of beyond) {
                  let outermost = true;
                  for (let a = sintraParent(el); a; a = sintraParent(a)) if (beyond.has(a)) { outermost = false; break; }
                  if (outermost) {
                    problems.push(sintraDescribe(el) + ' reaches past the right edge (right ' + Math.round(el.getBoundingClientRect().right) + ' > ' + vw + ')');
                  }
                }
                for (const el of sintraAll('*')) {
                  if (el === root || el === document.body || !sintraShown(el) || sintraExempt(el)) continue;
                  if (['input', 'textarea'].includes(el.localName)) continue;
                  const o = getComputedStyle(el).overflowX;
                  if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
                    problems.push(sintraDescribe(el) + ' scrolls sideways (scrollWidth ' + el.scrollWidth + ' > ' + el.clientWidth + ')');
                  }
                }
                return problems;
                """));
    }

    /**
     * Whether the element with this id is fully on screen and not covered by something else, optionally after
     * scrolling its scrollable ancestors (vertically only: what a person does to reach it).
     */
    static List<String> onScreen(Browser browser, String id, boolean scrollTo) {
        return strings(browser.js(Browser.DOM + DESCRIBE + """
                const [id, scrollTo] = arguments;
                const el = document.getElementById(id);
                if (!el) return ['#' + id + ' is missing'];
                if (!sintraShown(el)) return ['#' + id + ' is not shown'];
                const vw = document.documentElement.clientWidth, vh = window.innerHeight;
                if (scrollTo) {
                  for (let a = sintraParent(el); a; a = sintraParent(a)) {
                    const o = getComputedStyle(a).overflowY;
                    if ((o === 'auto' || o === 'scroll') && a.scrollHeight > a.clientHeight) {
                      const r = el.getBoundingClientRect(), ar = a.getBoundingClientRect();
                      if (r.bottom > ar.bottom) a.scrollTop += r.bottom - ar.bottom;
                      else if (r.top < ar.top) a.scrollTop -= ar.top - r.top;
                    }
                  }
                  const r = el.getBoundingClientRect();
                  if (r.bottom > vh) window.scrollBy(0, r.bottom - vh);
                  else if (r.top < 0) window.scrollBy(0, r.top);
                }
                const r = el.getBoundingClientRect();
                const where = 'left ' + Math.round(r.left) + ', top ' + Math.round(r.top) + ', right ' + Math.round(r.right)
                    + ', bottom ' + Math.round(r.bottom) + ' in ' + vw + '×' + vh;
                if (r.width === 0 || r.height === 0) return ['#' + id + ' has no size'];
                if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
                  return [sintraDescribe(el) + ' is not fully on screen' + (scrollTo ? ' after scrolling to it' : '') + ' (' + where + ')'];
                }
                const x = Math.min(vw - 1, Math.max(0, (r.left + r.right) / 2)), y = Math.min(vh - 1, Math.max(0, (r.top + r.bottom) / 2));
                let hit = document.elementFromPoint(x, y);
                while (hit && hit.shadowRoot && hit.shadowRoot.elementFromPoint(x, y) && hit.shadowRoot.elementFromPoint(x, y) !== hit) {
                  hit = hit.shadowRoot.elementFromPoint(x, y);
                }
                const within = (outer, inner) => { for (let a = inner; a; a = sintraParent(a)) if (a === outer) return true; return false; };
                if (hit && !within(el, hit) && !within(hit, el)) {
                  return [sintraDescribe(el) + ' is covered by ' + sintraDescribe(hit)];
                }
                return [];
                """, id, scrollTo));
    }

    /** The ids of the shown primary buttons in the page (not in closed tabs or dialogs), each given one if it has none. */
    static List<String> primaryButtons(Browser browser) {
        return strings(browser.js(Browser.DOM + DESCRIBE + """
                let n = 0;
                return [...document.querySelectorAll('vaadin-button[theme~="primary"]')].filter(sintraShown).map(b => {
                  if (!b.id) b.id = 'sintra-primary-' + (++n);
                  return b.id;
                });
                """));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object result) {
        return result == null ? List.of() : new ArrayList<>((List<String>) result);
    }
}
