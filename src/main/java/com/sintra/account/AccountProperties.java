package com.sintra.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminEmail    e-mail of the first administrator, created at first start
 * @param adminPassword its password; when empty, one is generated and printed once
 * @param adminName     its display name
 */
@ConfigurationProperties("sintra.account")
public record AccountProperties(
        @DefaultValue("admin@sintra.local") String adminEmail,
        @DefaultValue("") String adminPassword,
        @DefaultValue("Administrator") String adminName) {
}
