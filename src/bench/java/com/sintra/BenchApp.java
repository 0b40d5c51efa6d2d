package com.sintra;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sintra as a JVM of its own for a harness: started from {@code -Dbench.app.classpath} (the scripts set it) with
 * {@code -Dbench.app.java}, on a free port, in Vaadin production mode, logging warnings only to a file, against
 * the benchmark's database. The harness's options {@code --app-heap}, {@code --app-props name=value,...} (settings
 * to try) and {@code --jfr file} (a flight recording of the run) apply to every harness alike.
 */
public final class BenchApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;

    private BenchApp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts it and waits, up to 3 minutes, until it answers its liveness probe.
     *
     * @param settings the harness's own {@code -D} settings for Sintra
     * @param environment added to the process's environment
     */
    public static BenchApp start(BenchOptions options, String dbUrl, Path log, List<String> settings,
                                 Map<String, String> environment) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Xms512m", "-Xmx" + options.get("app-heap", "1g"),
                "-XX:+UseG1GC", "-cp", System.getProperty("bench.app.classpath"), "-Dserver.port=" + port,
                "-Dlogging.level.root=WARN", "-Dvaadin.productionMode=true"));
        command.addAll(settings);
        if (options.has("app-props")) {
            // e.g. --app-props sintra.chat.concurrent-questions=16,spring.datasource.hikari.maximum-pool-size=30
            for (String setting : options.get("app-props").split(",")) {
                command.add("-D" + setting.strip());
            }
        }
        if (options.has("jfr")) {
            // A profile of Sintra for the whole run, for finding where a request's time goes.
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + options.get("jfr"));
        }
        command.add("com.sintra.SintraApplication");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SINTRA_DB_URL", dbUrl);
        builder.environment().putAll(environment);
        BenchApp app = new BenchApp(builder.start(), port);
        try {
            app.awaitLive(log);
        } catch (InterruptedException | RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    private void awaitLive(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Sintra exited; see " + log);
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/liveness"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Sintra did not start within 3 minutes; see " + log);
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** The JVM Sintra runs on (and whose jcmd and jstat read it). */
    public static String java() {
        return System.getProperty("bench.app.java", "java");
    }

    /** A tool of that JVM's, such as jcmd or jstat. */
    public static String tool(String name) {
        return Path.of(java()).resolveSibling(name).toString();
    }

    private static final Pattern HEAP_USED = Pattern.compile("(?i)heap\\s+total\\b[^\\n]*?\\bused\\s+(\\d+)K");

    /** A JVM's used heap in bytes right after two full collections ({@code jcmd GC.run}, {@code GC.heap_info}). */
    public static long heapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("jcmd " + pid + " GC.heap_info said: " + info.strip());
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(tool("jcmd"), Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }

    /** Stops it as an operator would (SIGTERM, graceful), and for good after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
