package com.ceki.deposits;

/** Told of each committed credit (the scanner emails the agent; an x402 payment answers in its own response). */
@FunctionalInterface
public interface DepositNotifier {

    DepositNotifier NONE = (agentId, email, deposit, activated) -> {};

    /** {@code email} is null when the agent has none on file. */
    void credited(long agentId, String email, Deposit deposit, boolean activated);
}
