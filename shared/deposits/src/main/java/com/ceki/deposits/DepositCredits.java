package com.ceki.deposits;

import com.ceki.agents.AgentStatus;
import com.ceki.billing.BalanceAlerts;
import com.ceki.billing.Ledger;
import com.ceki.billing.LedgerEntry;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.Wallet;
import com.ceki.billing.WalletRepository;
import com.ceki.billing.Wallets;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.UsdRates;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import com.ceki.webhooks.WebhookEvent;
import com.ceki.webhooks.WebhookEventType;
import com.ceki.webhooks.WebhookOutbox;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Credits a confirmed deposit exactly once, in one DynamoDB transaction: the permanent deposit record (on
 * condition it was never seen), the ledger {@code deposit} entry with its guard, the wallet balance, and the
 * agent's running deposit total; the credit that crosses the activation amount also makes a pending agent active
 * (and lists it in the directory); the same transaction writes the {@code deposit.credited} webhook event (and
 * {@code agent.activated}, and re-arms the low-balance alert when the credit lifts the total back over the agent's
 * threshold). After the commit the events are queued and the agent is told through the {@link DepositNotifier}. A
 * deposit the scanner
 * finds below the currency's minimum, or in an asset the agent has no wallet for, is recorded but not credited; a
 * transfer an agent made to pay an x402 requirement is credited whatever its size, since it is exactly what was asked.
 *
 * <p>Both paths write the same record under the same key (chain, transaction, log or output index), so whichever
 * meets a transfer second credits nothing.
 */
public class DepositCredits {

    /**
     * What happened to one deposit. {@code AWAITING_RATE} is the scanner's: a BTC or ETH deposit whose credit needs
     * a fresh rate is held and credited by a later run.
     */
    public enum Outcome { CREDITED, ALREADY_KNOWN, BELOW_MINIMUM, NO_WALLET, NOT_OURS, AWAITING_RATE }

    /** Rounds of reading the wallet and crediting on condition it did not move meanwhile. */
    private static final int ROUNDS = 5;

    private final Table table;
    private final Ledger ledger;
    private final WalletRepository wallets;
    private final MinDeposits minimums;
    private final UsdRates rates;
    private final DepositNotifier notifier;
    private final WebhookOutbox outbox;
    private final BalanceAlerts alerts;
    private final IdGenerator ids;
    private final Clock clock;
    private final BigDecimal activationUsd;

    public DepositCredits(Table table, Ledger ledger, WalletRepository wallets, MinDeposits minimums, UsdRates rates,
                          DepositNotifier notifier, WebhookOutbox outbox, IdGenerator ids, Clock clock,
                          BigDecimal activationUsd) {
        this.table = table;
        this.ledger = ledger;
        this.wallets = wallets;
        this.minimums = minimums;
        this.rates = rates;
        this.notifier = notifier;
        this.outbox = outbox;
        this.alerts = new BalanceAlerts(table, outbox, rates);
        this.ids = ids;
        this.clock = clock;
        this.activationUsd = activationUsd;
    }

    /** A deposit the scanner found final on chain: credited when it reaches the currency's minimum. */
    public Outcome credit(Deposit deposit, long agentId) {
        return credit(deposit, agentId, true, "scan");
    }

    /** A transfer an x402 payment settled to the agent's deposit address: credited at once, whatever its size. */
    public Outcome creditPayment(Deposit deposit, long agentId) {
        return credit(deposit, agentId, false, "x402");
    }

    private Outcome credit(Deposit deposit, long agentId, boolean enforceMinimum, String via) {
        Instant now = clock.instant();
        Item record = Item.key(Keys.deposit(deposit.chain().name(), deposit.txHash(), deposit.index()), Keys.DEPOSIT)
                .s("type", "deposit").n("agent_id", agentId).s("chain", deposit.chain().name())
                .s("currency", deposit.currency().name()).s("tx_hash", deposit.txHash()).s("index", deposit.index())
                .n("block_number", deposit.blockNumber()).s("block_hash", deposit.blockHash())
                .s("to_address", deposit.toAddress()).n("amount", deposit.amount()).s("seen_at", Timestamps.record(now)).s("via", via);
        if (enforceMinimum && deposit.amount().compareTo(minimums.of(deposit.currency())) < 0) {
            return recordOnly(record.s("status", "below_minimum"), Outcome.BELOW_MINIMUM);
        }
        for (int round = 1; ; round++) {
            List<Wallet> all = wallets.wallets(agentId);
            Wallet wallet = all.stream().filter(w -> w.currency() == deposit.currency()).findFirst().orElse(null);
            if (wallet == null) {
                return recordOnly(record.s("status", "no_wallet"), Outcome.NO_WALLET);
            }
            BigDecimal usd = deposit.amount().multiply(rates.usdPerUnit(deposit.currency()));
            Item agent = Item.from(table.client().getItem(g -> g.tableName(table.name())
                    .key(Item.key(Keys.agent(agentId), Keys.AGENT).map()).consistentRead(true)).item());
            BigDecimal before = agent.decimal("deposited_usd");
            BigDecimal after = (before == null ? BigDecimal.ZERO : before).add(usd);
            boolean activates = AgentStatus.PENDING_DEPOSIT.wire().equals(agent.string("status")) && after.compareTo(activationUsd) >= 0;
            BigDecimal balanceAfter = wallet.balance().add(deposit.amount());

            LedgerEntry entry = new LedgerEntry(ids.next(), LedgerEntry.Type.DEPOSIT, deposit.amount(), deposit.currency(),
                    "Deposit " + deposit.txHash(), now);
            // The wallet on condition it holds what was read, so that the event states the balance this credit left.
            List<TransactWriteItem> writes = new ArrayList<>(ledger.movementWrites(agentId, entry, "deposit:" + deposit.key(),
                    "attribute_exists(PK) AND balance = :before", Map.of(":before", Item.attr(wallet.balance()))));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                    .item(record.s("status", "credited").n("ledger_entry_id", entry.id()).map())
                    .conditionExpression("attribute_not_exists(PK)").build()).build());
            writes.add(TransactWriteItem.builder().update(agentUpdate(agentId, agent, before, after, activates, now)).build());
            List<WebhookEvent> events = new ArrayList<>(2);
            events.add(outbox.event(agentId, WebhookEventType.DEPOSIT_CREDITED, Json.object().put("agent_id", agentId)
                    .put("chain", deposit.chain().name()).put("tx_hash", deposit.txHash()).put("index", deposit.index())
                    .put("amount", Amounts.format(deposit.amount(), deposit.currency())).put("currency", deposit.currency().name())
                    .put("balance_after", Amounts.format(balanceAfter, deposit.currency())).put("usd_value", Amounts.usd(usd))
                    .put("via", via)));
            if (activates) {
                events.add(outbox.event(agentId, WebhookEventType.AGENT_ACTIVATED, Json.object().put("agent_id", agentId)
                        .put("status", AgentStatus.ACTIVE.wire()).put("deposited_usd", Amounts.usd(after))));
            }
            events.forEach(event -> writes.add(outbox.write(event)));
            BigDecimal threshold = agent.decimal("low_balance_usd");
            if (threshold != null) {
                Wallets.totalUsd(all, rates).flatMap(total -> alerts.onCredit(agentId, threshold, total.add(usd)))
                        .ifPresent(writes::add);
            }
            try {
                table.client().transactWriteItems(t -> t.transactItems(writes));
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailedAt(e, 2) || Transactions.conditionFailedAt(e, 3)) {
                    return Outcome.ALREADY_KNOWN;
                }
                boolean moved = Transactions.conditionFailedAt(e, 0) || Transactions.conditionFailedAt(e, 1)
                        || Transactions.conditionFailedAt(e, 4)
                        || Transactions.conflicted(e);
                if (moved && round < ROUNDS) {
                    continue; // the wallet or the agent changed meanwhile (a charge, another deposit): read again
                }
                throw e;
            }
            outbox.release(events);
            try {
                notifier.credited(agentId, agent.string("email"), deposit, activates);
            } catch (RuntimeException e) {
                // The credit is committed; a lost notice must not make the caller redo it.
                System.err.println("WARN deposit notice not sent for " + deposit.key() + ": " + e);
            }
            return Outcome.CREDITED;
        }
    }

    private Outcome recordOnly(Item record, Outcome outcome) {
        try {
            table.client().putItem(p -> p.tableName(table.name()).item(record.map()).conditionExpression("attribute_not_exists(PK)"));
            return outcome;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.ALREADY_KNOWN;
        }
    }

    /** Adds to the deposit total on condition nobody else did meanwhile; activates when the total crosses the line. */
    private Update agentUpdate(long agentId, Item agent, BigDecimal before, BigDecimal after, boolean activates, Instant now) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":after", Item.attr(after));
        String condition;
        if (before == null) {
            condition = "attribute_exists(PK) AND attribute_not_exists(deposited_usd)";
        } else {
            condition = "deposited_usd = :before";
            values.put(":before", Item.attr(before));
        }
        String update = "SET deposited_usd = :after";
        if (activates) {
            names.put("#s", "status");
            values.put(":active", Item.attr(AgentStatus.ACTIVE.wire()));
            values.put(":pending", Item.attr(AgentStatus.PENDING_DEPOSIT.wire()));
            values.put(":dir", Item.attr(Keys.DIRECTORY_AGENTS));
            values.put(":sort", Item.attr(agent.string("created_at") + "#" + agentId));
            values.put(":now", Item.attr(Timestamps.record(now)));
            update += ", #s = :active, GSI1PK = :dir, GSI1SK = :sort, updated_at = :now";
            condition += " AND #s = :pending";
        }
        Update.Builder builder = Update.builder().tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.AGENT).map())
                .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values);
        if (!names.isEmpty()) {
            builder.expressionAttributeNames(names);
        }
        return builder.build();
    }
}
