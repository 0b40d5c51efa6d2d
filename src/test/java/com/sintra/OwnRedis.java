package com.sintra;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** A Redis of a test's own on a free port, to stop and start again (an outage); never the shared one. */
public final class OwnRedis implements AutoCloseable {

    private final int port;
    private Process process;

    public OwnRedis(int port) {
        this.port = port;
    }

    public static OwnRedis onFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new OwnRedis(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it and waits until it answers. */
    public void start() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> numsub("ping") == 0);
    }

    /** Subscribers of the channel. */
    public long numsub(String channel) {
        return withConnection(redis -> redis.sync().pubsubNumsub(channel).values().iterator().next());
    }

    /** The connected clients, one line each ({@code CLIENT LIST}). */
    public List<String> clients() {
        return withConnection(redis -> List.of(redis.sync().clientList().split("\n")));
    }

    /** The keys that match the pattern. */
    public List<String> keys(String pattern) {
        return withConnection(redis -> redis.sync().keys(pattern));
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private <T> T withConnection(java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
        return at(url(), action);
    }

    /** Runs the action on a connection of its own to the Redis at this URL (this one or the shared one). */
    public static <T> T at(String url, java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection);
        } finally {
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
