package com.ceki.webhooks;

/** The events an agent's callback URL receives, by their wire names. */
public enum WebhookEventType {
    DEPOSIT_CREDITED("deposit.credited"),
    AGENT_ACTIVATED("agent.activated"),
    WALLET_BALANCE_LOW("wallet.balance_low"),
    SPEND_LIMIT_REACHED("spend_limit.reached");

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
