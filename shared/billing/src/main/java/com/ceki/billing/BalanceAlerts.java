package com.ceki.billing;

import com.ceki.core.money.Amounts;
import com.ceki.core.money.UsdRates;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookEvent;
import com.ceki.webhooks.WebhookEventType;
import com.ceki.webhooks.WebhookOutbox;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ceki.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@code wallet.balance_low}, once per crossing. The agent's total (every wallet valued in USD) is compared with its
 * {@code low_balance_usd} on each debit: a debit that leaves it below, while the agent is not marked low, writes the
 * {@link Keys#LOW_BALANCE} mark (on condition that nobody wrote it first) and the event in the debit's own
 * transaction; a debit or a deposit that finds the total back at or above the threshold deletes the mark, so the next
 * fall alerts again.
 */
public final class BalanceAlerts {

    /** The agent's threshold (null: none) and whether it is marked low now. */
    public record State(BigDecimal thresholdUsd, boolean low) {
        public static final State NONE = new State(null, false);

        State marked() {
            return new State(thresholdUsd, true);
        }
    }

    /** What a debit adds to its transaction; {@code event} (or null) is released after the commit. */
    public record Writes(List<TransactWriteItem> writes, WebhookEvent event) {
        static final Writes NONE = new Writes(List.of(), null);
        /** The index, among these writes, of the mark's conditional put. */
        static final int MARK = 0;
    }

    private final Table table;
    private final WebhookOutbox outbox;
    private final UsdRates rates;

    public BalanceAlerts(Table table, WebhookOutbox outbox, UsdRates rates) {
        this.table = table;
        this.outbox = outbox;
        this.rates = rates;
    }

    /** The state from the agent's item ({@code low_balance_usd}) and its mark (absent: not low). */
    static State state(Item agent, Item mark) {
        return new State(agent.decimal("low_balance_usd"), !mark.isEmpty());
    }

    /** The writes of a debit of {@code usd} from wallets whose balances were read as {@code wallets}. */
    Writes onDebit(long agentId, State state, List<Wallet> wallets, BigDecimal usd, String type) {
        if (state.thresholdUsd() == null) {
            return Writes.NONE;
        }
        Optional<BigDecimal> before = Wallets.totalUsd(wallets, rates);
        if (before.isEmpty()) {
            return Writes.NONE; // a stale rate: judged on the next debit
        }
        BigDecimal after = before.get().subtract(usd);
        if (after.compareTo(state.thresholdUsd()) >= 0) {
            return state.low() ? new Writes(List.of(rearm(agentId)), null) : Writes.NONE;
        }
        if (state.low()) {
            return Writes.NONE;
        }
        ObjectNode data = Json.object().put("agent_id", agentId)
                .put("low_balance_usd", Amounts.price(state.thresholdUsd())).put("balance_usd", Amounts.usd(after))
                .put("charged_usd", Amounts.price(usd)).put("usage_type", type);
        WebhookEvent event = outbox.event(agentId, WebhookEventType.WALLET_BALANCE_LOW, data);
        Item mark = Item.key(Keys.agent(agentId), Keys.LOW_BALANCE).s("type", "low_balance")
                .s("webhook_id", event.id()).s("since", Timestamps.record(event.createdAt()));
        return new Writes(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(mark.map())
                        .conditionExpression("attribute_not_exists(PK)").build()).build(),
                outbox.write(event)), event);
    }

    /** The write that re-arms the alert when a credit lifts the total to {@code totalUsd} (or nothing). */
    public Optional<TransactWriteItem> onCredit(long agentId, BigDecimal thresholdUsd, BigDecimal totalUsd) {
        if (thresholdUsd == null || totalUsd.compareTo(thresholdUsd) < 0) {
            return Optional.empty();
        }
        return Optional.of(rearm(agentId));
    }

    private TransactWriteItem rearm(long agentId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.LOW_BALANCE).map()).build()).build();
    }

    /** Deletes the mark outside any debit (the threshold was changed): the next fall below it alerts. */
    public static void clearMark(Table table, long agentId) {
        table.client().deleteItem(d -> d.tableName(table.name()).key(Item.key(Keys.agent(agentId), Keys.LOW_BALANCE).map()));
    }
}
