package com.sintra.observability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.base.QueryTimer;
import com.sintra.base.Subscription;
import com.sintra.cluster.ClusterMessaging;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import jakarta.annotation.PreDestroy;

/**
 * Takes a {@link VitalsSnapshot} every {@code sample-interval} on a thread of its own and keeps the last
 * {@code samples-kept}, always, so the dashboard has the last hour when an administrator opens it. Cheap: a pass
 * over a few dozen meters, a few hundred microseconds of CPU each time (each snapshot says what it cost). Under the
 * cluster profile each snapshot is also published to Redis, at most every 10 s, under a key that expires after
 * {@code node-ttl}, so any node can show every node's figures. The watchdog is asked on every sample.
 */
@Component
class VitalsSampler {

    private static final Logger log = LoggerFactory.getLogger(VitalsSampler.class);
    static final String NODE_KEY_PREFIX = "sintra:vitals:";
    private static final String FEATURE = "node figures are shown";
    private static final long PUBLISH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final MeterRegistry meters;
    private final ObservabilityProperties properties;
    private final MemoryWatchdog watchdog;
    private final ClusterMessaging cluster;
    private final ObjectMapper json;
    private final HikariDataSource pool;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Windows windows = new Windows();
    private final Deque<VitalsSnapshot> samples = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler;
    private long lastNanos = System.nanoTime();
    private long lastPublished;
    private volatile VitalsSnapshot latest;
    /** Open dashboards: told of each scheduled sample, so a closed one costs nothing and an open one polls nothing. */
    private final List<Consumer<VitalsSnapshot>> listeners = new CopyOnWriteArrayList<>();

    VitalsSampler(MeterRegistry meters, ObservabilityProperties properties, MemoryWatchdog watchdog,
                  Optional<ClusterMessaging> cluster, ObjectMapper json, Optional<DataSource> dataSource) {
        this.meters = meters;
        this.properties = properties;
        this.watchdog = watchdog;
        this.cluster = cluster.orElse(null);
        this.json = json;
        this.pool = dataSource.filter(HikariDataSource.class::isInstance).map(HikariDataSource.class::cast).orElse(null);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vitals-sampler");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, properties.sampleInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::sampleQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        VitalsSnapshot snapshot;
        try {
            snapshot = sample();
        } catch (RuntimeException e) {
            log.warn("Taking the vitals sample failed: {}", e.toString());
            return;
        }
        for (Consumer<VitalsSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                log.debug("A vitals listener failed", e);
            }
        }
    }

    /** Tells the listener of every sample from now on, on the sampler's thread: it must hand work on, not do it. */
    Subscription onSample(Consumer<VitalsSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Takes a snapshot of the window since the last one, keeps it, and publishes it to the other nodes. */
    synchronized VitalsSnapshot sample() {
        long cpuStart = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
        long now = System.nanoTime();
        double seconds = Math.max(0.001, (now - lastNanos) / 1e9);
        lastNanos = now;
        watchdog.check();

        Collection<Meter> http = find("http.server.requests").meters();
        Windows.Window httpWindow = windows.histogram("http", http);
        Windows.Window apiWindow = windows.histogram("api", only(http, id -> uri(id).startsWith("/api/")));
        double requests = windows.increase("http-count", http);
        double errors = windows.increase("http-5xx", only(http, id -> status(id).startsWith("5")));
        double hits = windows.increase("cache-hits", find("cache.gets").tag("result", "hit").meters());
        double misses = windows.increase("cache-misses", find("cache.gets").tag("result", "miss").meters());

        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        HikariPoolMXBean poolBean = pool == null ? null : pool.getHikariPoolMXBean();
        Windows.Window fcp = windows.histogram("fcp", find(PageLoads.FCP).meters());
        Windows.Window tti = windows.histogram("tti", find(PageLoads.TTI).meters());
        Windows.Window bytes = windows.histogram("bytes", find(PageLoads.BYTES).meters());

        VitalsSnapshot snapshot = new VitalsSnapshot(Instant.now(), node(), seconds,
                windows.histogram("query", find(QueryTimer.METER).meters()).percentile(0.95),
                apiWindow.percentile(0.95),
                httpWindow.percentile(0.50), httpWindow.percentile(0.95), httpWindow.percentile(0.99),
                requests == 0 ? 0 : errors / requests, requests / seconds,
                hits + misses == 0 ? null : hits / (hits + misses),
                poolBean == null ? 0 : poolBean.getActiveConnections(), poolBean == null ? 0 : poolBean.getIdleConnections(),
                poolBean == null ? 0 : poolBean.getThreadsAwaitingConnection(), pool == null ? 0 : pool.getMaximumPoolSize(),
                windows.histogram("acquire", find("hikaricp.connections.acquire").meters()).percentile(0.95),
                heap.getUsed(), heap.getMax(),
                windows.histogram("gc", find("jvm.gc.pause").meters()).percentile(0.95),
                threads.getThreadCount(), cpu(),
                (int) gauge(VaadinMeters.SESSIONS), (int) gauge(VaadinMeters.UIS),
                (int) gauge("sintra.collaboration.subscribers"), (int) gauge("sintra.collaboration.subscribers.max"),
                fcp.percentile(0.75), fcp.percentile(0.95), tti.percentile(0.75), tti.percentile(0.95),
                bytes.percentile(0.95),
                windows.histogram("roundtrip", find(VaadinMeters.ROUND_TRIP).meters()).percentile(0.95),
                threads.isCurrentThreadCpuTimeSupported() ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1000 : 0);

        samples.addLast(snapshot);
        while (samples.size() > Math.max(1, properties.samplesKept())) {
            samples.removeFirst();
        }
        latest = snapshot;
        publish(snapshot, now);
        return snapshot;
    }

    /** The latest snapshot, or a first one taken now. */
    VitalsSnapshot latest() {
        VitalsSnapshot snapshot = latest;
        return snapshot != null ? snapshot : sample();
    }

    synchronized List<VitalsSnapshot> kept() {
        return new ArrayList<>(samples);
    }

    /** Every node's latest published snapshot, by node; this node's own from memory. */
    Map<String, VitalsSnapshot> nodes() {
        VitalsSnapshot own = latest();
        Map<String, VitalsSnapshot> nodes = new LinkedHashMap<>();
        nodes.put(own.node(), own);
        if (cluster == null) {
            return nodes;
        }
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs matching = ScanArgs.Builder.matches(NODE_KEY_PREFIX + "*").limit(100);
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = cluster.call(FEATURE, redis -> redis.scan(from, matching)).orElse(null);
            if (page == null) {
                break;
            }
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished() && keys.size() < 1000);
        if (keys.isEmpty()) {
            return nodes;
        }
        String[] names = keys.toArray(String[]::new);
        for (KeyValue<String, byte[]> value : cluster.call(FEATURE, redis -> redis.mget(names)).orElse(List.of())) {
            if (value.hasValue()) {
                try {
                    VitalsSnapshot snapshot = json.readValue(value.getValue(), VitalsSnapshot.class);
                    nodes.putIfAbsent(snapshot.node(), snapshot);
                } catch (java.io.IOException | RuntimeException e) {
                    log.debug("An unreadable node snapshot in {} was skipped: {}", value.getKey(), e.toString());
                }
            }
        }
        return nodes;
    }

    private void publish(VitalsSnapshot snapshot, long now) {
        if (cluster == null || (lastPublished != 0 && now - lastPublished < PUBLISH_EVERY_NANOS)) {
            return;
        }
        lastPublished = now;
        byte[] bytes;
        try {
            bytes = json.writeValueAsString(snapshot).getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return;
        }
        long ttl = Math.max(1000, properties.nodeTtl().toMillis());
        cluster.send(FEATURE, redis -> redis.set(NODE_KEY_PREFIX + cluster.node(), bytes, SetArgs.Builder.px(ttl)));
    }

    private String node() {
        return cluster == null ? "local" : cluster.node();
    }

    private Search find(String name) {
        return meters.find(name);
    }

    private double gauge(String name) {
        double total = 0;
        for (Gauge gauge : find(name).gauges()) {
            double value = gauge.value();
            total += Double.isFinite(value) ? value : 0;
        }
        return total;
    }

    private Double cpu() {
        Gauge gauge = find("process.cpu.usage").gauge();
        if (gauge == null) {
            return null;
        }
        double value = gauge.value();
        return Double.isFinite(value) && value >= 0 ? value : null;
    }

    private static List<Meter> only(Collection<Meter> meters, Predicate<Meter.Id> which) {
        return meters.stream().filter(meter -> which.test(meter.getId())).toList();
    }

    private static String uri(Meter.Id id) {
        String uri = id.getTag("uri");
        return uri == null ? "" : uri;
    }

    private static String status(Meter.Id id) {
        String status = id.getTag("status");
        return status == null ? "" : status;
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
