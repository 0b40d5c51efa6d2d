package com.sintra.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sintra.BenchApp;
import com.sintra.browser.PushPage;

/**
 * An administrator watching the dashboard in a real Chromium while the benchmark runs: every few seconds it reads
 * what the tiles say and when the sample they show was taken (the tiles' {@code data-sampled-at}), so the report
 * can set the dashboard's figures beside the harness's own for the same window.
 */
final class DashboardWatch implements AutoCloseable {

    /** What the dashboard showed: the sample's time (epoch ms) and each tile's text, by tile id. */
    record Reading(long sampledAt, Map<String, String> tiles) {
    }

    private static final String READ = """
            const grid = document.querySelector('#dashboard-tiles');
            if (!grid) return null;
            const tiles = {};
            grid.querySelectorAll('.target-tile').forEach(t => tiles[t.id] = t.querySelector('.target-value').textContent);
            return {at: Number(grid.dataset.sampledAt || 0), tiles};
            """;

    private final PushPage page;
    private final List<Reading> readings = new CopyOnWriteArrayList<>();
    private volatile Thread reader;

    private DashboardWatch(PushPage page) {
        this.page = page;
    }

    static DashboardWatch open(BenchApp app, String email, String password) {
        PushPage page = PushPage.open(app.port(), email, password, "/admin", "#dashboard-tiles");
        page.viewport(1280, 1500);
        return new DashboardWatch(page);
    }

    PushPage page() {
        return page;
    }

    /** Reads the tiles each time a new sample has arrived, until {@link #stopReading()}. */
    void startReading() {
        reader = new Thread(() -> {
            long last = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Reading reading = read();
                    if (reading != null && reading.sampledAt() != last) {
                        readings.add(reading);
                        last = reading.sampledAt();
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the browser is busy; the next read comes half a second later
                }
            }
        }, "dashboard-watch");
        reader.setDaemon(true);
        reader.start();
    }

    List<Reading> stopReading() throws InterruptedException {
        if (reader != null) {
            reader.interrupt();
            reader.join(5000);
        }
        return new ArrayList<>(readings);
    }

    @SuppressWarnings("unchecked")
    Reading read() {
        Map<String, Object> raw = (Map<String, Object>) page.js(READ);
        if (raw == null) {
            return null;
        }
        Map<String, String> tiles = (Map<String, String>) raw.get("tiles");
        return new Reading(((Number) raw.get("at")).longValue(), Map.copyOf(tiles));
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        page.screenshot(file);
    }

    @Override
    public void close() {
        page.close();
    }
}
