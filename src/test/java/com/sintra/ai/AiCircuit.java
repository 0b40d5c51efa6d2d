package com.sintra.ai;

/**
 * Puts the gateway's circuit in a state, for tests outside this package that need a provider Sintra has
 * stopped calling: failing it often enough would take seconds and leave the circuit to other tests.
 */
public final class AiCircuit {

    private AiCircuit() {
    }

    public static void forceOpen(AiGateway gateway) {
        gateway.circuitBreaker().transitionToForcedOpenState();
    }

    public static void close(AiGateway gateway) {
        gateway.circuitBreaker().transitionToClosedState();
    }
}
