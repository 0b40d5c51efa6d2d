package com.sintra.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminEmail    e-mail of the first administrator, created at first start
 * @param adminPassword its password; when empty, one is generated and printed once
 * @param adminName     its display name
 * @param signIn        how failed sign-ins are throttled
 * @param audit         what the audit trail keeps of repeated events
 */
@ConfigurationProperties("sintra.account")
public record AccountProperties(
        @DefaultValue("admin@sintra.local") String adminEmail,
        @DefaultValue("") String adminPassword,
        @DefaultValue("Administrator") String adminName,
        @DefaultValue SignInLimits signIn,
        @DefaultValue AuditLimits audit) {

    /**
     * @param refusalsPerMinute refused workspace accesses recorded per caller and minute; a caller probing ids
     *                          past it is recorded once more, when the next minute starts
     */
    public record AuditLimits(@DefaultValue("10") int refusalsPerMinute) {
    }

    /**
     * @param lockAfter       consecutive failures for one e-mail that lock it
     * @param firstLock       how long the first lock lasts; each further failure doubles it
     * @param maxLock         the longest lock
     * @param forgetAfter     failures of an e-mail are forgotten after this long without another
     * @param addressFailures failures from one client address within addressWindow that block it
     * @param addressWindow   the window over which an address's failures count
     */
    public record SignInLimits(
            @DefaultValue("5") int lockAfter,
            @DefaultValue("30s") Duration firstLock,
            @DefaultValue("15m") Duration maxLock,
            @DefaultValue("1h") Duration forgetAfter,
            @DefaultValue("20") int addressFailures,
            @DefaultValue("10m") Duration addressWindow) {
    }
}
