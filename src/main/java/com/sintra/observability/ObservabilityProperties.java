package com.sintra.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param slowRequestThreshold a request or Vaadin round trip slower than this is logged and kept as slow
 * @param slowRequestsKept     slow requests kept for the dashboard (the latest)
 * @param heapThreshold        share of the maximum heap, used after a collection, above which the watchdog sheds caches
 * @param sampleInterval       how often the sampler takes a snapshot; rates and percentiles are over this window
 * @param samplesKept          snapshots kept (720 of 5 s: the last hour)
 * @param pageLoadsPerMinute   page-load reports accepted per session per minute; more get 429
 * @param nodeTtl              how long a node's published snapshot stays in Redis (cluster profile)
 * @param scrapeToken          the bearer token a Prometheus server scrapes /actuator/prometheus with; empty: only admins' sessions
 */
@ConfigurationProperties("sintra.observability")
public record ObservabilityProperties(@DefaultValue("500ms") Duration slowRequestThreshold,
                                      @DefaultValue("200") int slowRequestsKept,
                                      @DefaultValue("0.85") double heapThreshold,
                                      @DefaultValue("5s") Duration sampleInterval,
                                      @DefaultValue("720") int samplesKept,
                                      @DefaultValue("6") int pageLoadsPerMinute,
                                      @DefaultValue("30s") Duration nodeTtl,
                                      @DefaultValue("") String scrapeToken) {
}
