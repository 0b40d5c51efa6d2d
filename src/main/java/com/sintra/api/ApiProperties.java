package com.sintra.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requestsPerMinute   each API key's sustained rate; beyond it requests get 429 with Retry-After
 * @param burst               requests a key may make at once after a quiet spell
 * @param streamWriterThreads threads that write streamed answers' events to clients
 */
@ConfigurationProperties("sintra.api")
public record ApiProperties(@DefaultValue("120") int requestsPerMinute, @DefaultValue("20") int burst,
                            @DefaultValue("16") int streamWriterThreads) {
}
