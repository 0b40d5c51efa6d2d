package com.sintra.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC writes each Server-Sent Event of a streamed answer as a task on its async executor. By default
 * that is the application's executor, which on Java 21+ runs on virtual threads: the same few carrier
 * threads that run every incoming request. Under a burst of new questions, a token's write would wait in
 * that queue behind hundreds of requests being grounded. A pool of its own lets tokens go out as they
 * arrive (docs/decisions/0007); it is sized so that a few stalled clients, each holding a writer until
 * Tomcat's write timeout, cannot stall the rest.
 */
@Configuration
class ApiStreamingConfiguration implements WebMvcConfigurer {

    private final ApiProperties properties;

    ApiStreamingConfiguration(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        ThreadPoolTaskExecutor writers = new ThreadPoolTaskExecutor();
        writers.setThreadNamePrefix("stream-writer-");
        writers.setCorePoolSize(properties.streamWriterThreads());
        writers.setMaxPoolSize(properties.streamWriterThreads());
        writers.setDaemon(true);
        writers.initialize();
        configurer.setTaskExecutor(writers);
    }
}
