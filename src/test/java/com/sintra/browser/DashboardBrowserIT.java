package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The admin dashboard in a real browser: its chart script arrives only with the route, uPlot draws, and new
 * samples are pushed to the open page without a reload.
 */
class DashboardBrowserIT extends BrowserTest {

    private static final String SAMPLED_AT = "return document.querySelector('#dashboard-tiles')?.dataset.sampledAt || null";

    @Test
    void the_dashboard_loads_its_charts_only_on_its_route_draws_them_and_receives_new_samples_by_push() {
        signInAsAdmin();
        browser.open("/");
        assertThat(browser.js("return customElements.get('sintra-time-series') === undefined"))
                .as("the chart element is not defined before the dashboard is opened").isEqualTo(true);

        browser.open("/admin");
        browser.await("a chart drawn by uPlot", d -> browser.js(
                "const c = document.querySelector('sintra-time-series'); return c && c.shadowRoot.querySelector('canvas');"));
        Object first = browser.await("a sample shown on the tiles", d -> browser.js(SAMPLED_AT));

        Object next = browser.await("the next sample, pushed to the open page", d -> {
            Object now = browser.js(SAMPLED_AT);
            return now != null && !now.equals(first) ? now : null;
        });

        assertThat(Long.parseLong(next.toString())).isGreaterThan(Long.parseLong(first.toString()));
        assertThat(browser.js("return document.querySelectorAll('.target-tile[verdict]').length"))
                .as("a judged tile per target").isEqualTo(10L);
    }
}
