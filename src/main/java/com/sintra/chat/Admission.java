package com.sintra.chat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most so many questions prepared (embedded, grounded, stored) at once, first come first served. The
 * rest wait, parked: with virtual threads a thousand simultaneous questions would otherwise all hold a
 * place on two cores and queue for twenty database connections, and the last would time out.
 */
final class Admission {

    private final Semaphore permits;
    private final Duration maxWait;

    Admission(int concurrent, Duration maxWait) {
        this.permits = new Semaphore(Math.max(1, concurrent), true);
        this.maxWait = maxWait;
    }

    /** A turn, to be closed when done; a {@link BusyException} when none came within the wait. */
    Turn enter() {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BusyException(maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException(maxWait);
        }
        return permits::release;
    }

    interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
