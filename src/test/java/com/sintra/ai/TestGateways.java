package com.sintra.ai;

import java.util.Optional;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.cluster.SharedCaches;

import io.micrometer.core.instrument.MeterRegistry;

/** A gateway outside Spring: the environment's provider only, usage counted in the meters, nothing stored. */
final class TestGateways {

    private TestGateways() {
    }

    static AiGateway gateway(AiProperties properties, MeterRegistry meters) {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        LiveProviders providers = new LiveProviders(properties, new AiResilience(properties, meters),
                none.getBeanProvider(ProviderRepository.class), new SecretBox(properties));
        return new AiGateway(properties, providers, new AiUsage(properties, meters, none.getBeanProvider(JdbcClient.class)),
                meters, new SharedCaches(Optional.empty()), new ObjectMapper());
    }
}
