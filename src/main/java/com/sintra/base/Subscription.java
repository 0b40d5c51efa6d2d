package com.sintra.base;

/** A listener's registration; cancel it when the listener goes away (a view detaches, a stream ends). */
@FunctionalInterface
public interface Subscription {

    void cancel();
}
