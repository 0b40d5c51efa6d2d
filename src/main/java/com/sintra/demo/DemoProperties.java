package com.sintra.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled       seed the demo workspace at start-up when it is missing
 * @param workspaceName the demo workspace's name; its presence is what makes seeding idempotent
 */
@ConfigurationProperties("sintra.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("Sintra demo") String workspaceName) {
}
