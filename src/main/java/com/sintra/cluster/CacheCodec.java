package com.sintra.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How a cached value is written into Redis and read back: compact, and readable by every node. */
public interface CacheCodec<V> {

    byte[] encode(V value);

    /** Throws on bytes it cannot read; the cache then takes them for a miss. */
    V decode(byte[] bytes);

    /** Floats as 4 bytes each (little-endian): a 384-dimension embedding is 1,536 bytes. */
    static <V> CacheCodec<V> floats(Function<V, float[]> values, Function<float[], V> value) {
        return new CacheCodec<>() {
            @Override
            public byte[] encode(V cached) {
                float[] floats = values.apply(cached);
                ByteBuffer buffer = ByteBuffer.allocate(floats.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                buffer.asFloatBuffer().put(floats);
                return buffer.array();
            }

            @Override
            public V decode(byte[] bytes) {
                if (bytes.length % Float.BYTES != 0) {
                    throw new IllegalArgumentException("Not floats: " + bytes.length + " bytes");
                }
                float[] floats = new float[bytes.length / Float.BYTES];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
                return value.apply(floats);
            }
        };
    }

    /** JSON, as the application's object mapper writes it. */
    static <V> CacheCodec<V> json(ObjectMapper json, JavaType type) {
        return new CacheCodec<>() {
            @Override
            public byte[] encode(V value) {
                try {
                    return json.writeValueAsBytes(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public V decode(byte[] bytes) {
                try {
                    return json.readValue(bytes, type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
