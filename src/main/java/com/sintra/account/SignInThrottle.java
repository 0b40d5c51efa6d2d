package com.sintra.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Ticker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Counts failed sign-ins per e-mail (whether or not such an account exists, so a lock reveals nothing) and per
 * client address, and says until when either is blocked.
 * <ul>
 * <li>Per e-mail: after {@code lockAfter} consecutive failures it is locked for {@code firstLock}; each further
 * failure after a lock doubles it, up to {@code maxLock}. Attempts while locked are refused unchecked, even with
 * the right password, and do not lengthen the lock. A success clears the count.</li>
 * <li>Per address: {@code addressFailures} failures (refused attempts included) within {@code addressWindow}
 * block the address until the oldest of them is that old. Looser, since many people may share one address.</li>
 * </ul>
 * In-process and bounded (Caffeine): fine for one node. With several nodes, an attacker spreading attempts over
 * them gets a few more tries; a Redis-backed class with these three methods replaces this one then.
 */
@Component
class SignInThrottle implements MeterBinder {

    private static final int MAX_ENTRIES = 100_000;

    private record AccountFailures(int count, Instant lockedUntil) {
    }

    private final AccountProperties.SignInLimits limits;
    private final Clock clock;
    private final Cache<String, AccountFailures> accounts;
    private final Cache<String, List<Instant>> addresses;

    @Autowired
    SignInThrottle(AccountProperties properties) {
        this(properties.signIn(), Clock.systemUTC());
    }

    SignInThrottle(AccountProperties.SignInLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.accounts = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfterWrite(limits.forgetAfter().plus(limits.maxLock())).recordStats().build();
        this.addresses = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfterWrite(limits.addressWindow()).recordStats().build();
    }

    /**
     * The throttle's memory in the cache meters, so its size shows; never cleared or shed
     * (docs/decisions/0028: dropping it would forgive an attacker's failures).
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, accounts, "sign-in-accounts");
        CaffeineCacheMetrics.monitor(registry, addresses, "sign-in-addresses");
    }

    /** Until when the e-mail or the address may not try again; empty when both may. */
    Optional<Instant> blockedUntil(String email, String address) {
        Instant now = clock.instant();
        Instant until = null;
        AccountFailures failures = accounts.getIfPresent(email);
        if (failures != null && failures.lockedUntil() != null && failures.lockedUntil().isAfter(now)) {
            until = failures.lockedUntil();
        }
        Instant addressUntil = addressBlockedUntil(address, now);
        if (addressUntil != null && (until == null || addressUntil.isAfter(until))) {
            until = addressUntil;
        }
        return Optional.ofNullable(until);
    }

    /** A password was checked and was wrong (or the e-mail is unknown or deactivated). */
    void failed(String email, String address) {
        Instant now = clock.instant();
        accounts.asMap().compute(email, (key, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            return new AccountFailures(count, count >= limits.lockAfter() ? now.plus(lockFor(count)) : null);
        });
        refused(address);
    }

    /** An attempt refused without checking, because it was blocked: it counts against the address only. */
    void refused(String address) {
        Instant now = clock.instant();
        // A fresh list each time (at most addressFailures long): readers never see one being changed.
        addresses.asMap().compute(address, (key, times) -> {
            List<Instant> recent = new ArrayList<>(times == null ? List.of() : times);
            recent.add(now);
            return List.copyOf(recent.subList(Math.max(0, recent.size() - limits.addressFailures()), recent.size()));
        });
    }

    void succeeded(String email) {
        accounts.invalidate(email);
    }

    private Duration lockFor(int failures) {
        int doublings = Math.min(failures - limits.lockAfter(), 30);
        Duration lock = limits.firstLock().multipliedBy(1L << doublings);
        return lock.compareTo(limits.maxLock()) > 0 ? limits.maxLock() : lock;
    }

    private Instant addressBlockedUntil(String address, Instant now) {
        List<Instant> recent = addresses.getIfPresent(address);
        if (recent == null || recent.size() < limits.addressFailures()) {
            return null;
        }
        Instant until = recent.get(0).plus(limits.addressWindow());
        return until.isAfter(now) ? until : null;
    }
}
