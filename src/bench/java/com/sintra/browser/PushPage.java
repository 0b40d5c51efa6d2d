package com.sintra.browser;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A headless Chromium (the browser tests' {@link Browser}) signed in and showing one page, with a probe installed
 * before any of the page's scripts run: a MutationObserver that stamps {@code Date.now()} when the text of a
 * marker ({@code bench-m-<n>}) first enters the DOM, and again at the next animation frame (painted), and counters
 * of the bytes the page receives over WebSocket (Vaadin's push) and XMLHttpRequest (its other round trips and
 * push's long-polling fallback). For the collaboration benchmark, which lives in another package.
 */
public final class PushPage implements AutoCloseable {

    private static final String PROBE = """
            (() => {
              if (window.__bench) return;
              const bench = window.__bench = {wsBytes: 0, wsFrames: 0, xhrBytes: 0, dom: {}, painted: {}};
              bench.reset = () => { bench.wsBytes = 0; bench.wsFrames = 0; bench.xhrBytes = 0; };
              const size = d => typeof d === 'string' ? new TextEncoder().encode(d).length : (d.byteLength ?? d.size ?? 0);
              const Native = window.WebSocket;
              window.WebSocket = class extends Native {
                constructor(...args) {
                  super(...args);
                  this.addEventListener('message', e => { bench.wsBytes += size(e.data); bench.wsFrames++; });
                }
              };
              const send = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.send = function (...args) {
                this.addEventListener('loadend', () => {
                  try { bench.xhrBytes += size(this.responseText || ''); } catch (e) { /* a binary response */ }
                });
                return send.apply(this, args);
              };
              const scan = text => {
                for (const m of text.matchAll(/bench-m-(\\d+)\\b/g)) {
                  if (!(m[1] in bench.dom)) {
                    bench.dom[m[1]] = Date.now();
                    requestAnimationFrame(() => { bench.painted[m[1]] = Date.now(); });
                  }
                }
              };
              new MutationObserver(records => {
                for (const r of records) {
                  if (r.type === 'characterData') scan(r.target.data || '');
                  for (const n of r.addedNodes) scan(n.textContent || '');
                }
              }).observe(document, {childList: true, subtree: true, characterData: true});
            })();
            """;

    /** What the probe counted since the last reset; marker → epoch milliseconds. */
    public record Counters(long wsBytes, long wsFrames, long xhrBytes, Map<Integer, Long> dom, Map<Integer, Long> painted) {
    }

    private final Browser browser;

    private PushPage(Browser browser) {
        this.browser = browser;
    }

    /** Starts a Chromium of its own (its own session), signs in at {@code localhost:port} and opens {@code path}. */
    public static PushPage open(int port, String email, String password, String path, String readySelector) {
        Browser browser = Browser.start().at(port);
        try {
            ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
            browser.signIn(email, password);
            browser.open(path);
            browser.await(readySelector, d -> browser.first(readySelector));
            return new PushPage(browser);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    public void resetCounters() {
        browser.js("window.__bench.reset()");
    }

    @SuppressWarnings("unchecked")
    public Counters counters() {
        Map<String, Object> raw = (Map<String, Object>) browser.js(
                "const b = window.__bench; return {ws: b.wsBytes, frames: b.wsFrames, xhr: b.xhrBytes, dom: b.dom, painted: b.painted};");
        return new Counters(number(raw.get("ws")), number(raw.get("frames")), number(raw.get("xhr")),
                markers((Map<String, Object>) raw.get("dom")), markers((Map<String, Object>) raw.get("painted")));
    }

    /** A cookie of the page's (HAProxy's stickiness cookie tells which node holds the session), or null. */
    public String cookie(String name) {
        Cookie cookie = browser.driver().manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** The page's text that the probe would see, for a failure message. */
    public String text(String selector) {
        List<?> found = (List<?>) browser.js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector);
        return String.valueOf(found);
    }

    /** Emulates a screen of this size, as a desktop browser. */
    public void viewport(int width, int height) {
        browser.viewport(width, height, false);
    }

    public void screenshot(java.nio.file.Path file) {
        browser.screenshot(file);
    }

    /** Runs a script in the page and returns what it returns. */
    public Object js(String script, Object... args) {
        return browser.js(script, args);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Map<Integer, Long> markers(Map<String, Object> raw) {
        Map<Integer, Long> markers = new HashMap<>();
        if (raw != null) {
            raw.forEach((marker, millis) -> markers.put(Integer.parseInt(marker), number(millis)));
        }
        return markers;
    }

    @Override
    public void close() {
        browser.close();
    }
}
