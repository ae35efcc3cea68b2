package com.ceki.billing;

import com.ceki.core.money.Prices;
import com.ceki.billing.Ledger.Debit;
import com.ceki.core.errors.PaymentRequired;
import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.errors.SpendLimitExceeded;
import com.ceki.core.money.Amounts;
import com.ceki.core.money.Currency;
import com.ceki.core.money.UsdRates;
import com.ceki.core.time.Months;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.core.usage.UsageEvent;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookEventType;
import com.ceki.webhooks.WebhookOutbox;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Pay-per-call billing: a billable call either pays once or does nothing and answers 402.
 *
 * <p>The price (USD) is taken from the agent's first wallet (the registration currency) or, when that cannot
 * cover it, from the next wallet that can, converted at the current rate. Each debit is a conditional ledger
 * transaction keyed by the call's idempotency key, so racing calls can never overdraw a wallet and a retried
 * call is never charged twice. If the work after the debit fails, the charge is refunded. The same transaction
 * counts the spend against the agent's limits and writes the {@code wallet.balance_low} event of a debit that
 * crosses the agent's threshold; a cap that refuses a call for the first time in its window sends
 * {@code spend_limit.reached}.
 */
public final class Billing {

    private static final int MAX_ROUNDS = 10;

    /**
     * What a call was charged: nothing (free tier, free type) or an amount from one wallet, counted in the spend
     * windows {@code spendDay} and {@code spendMonth} (null when nothing was taken).
     */
    public record Charge(String type, String requestId, String month, BigDecimal usd, Currency currency,
                         BigDecimal amount, boolean freeTier, String spendDay, String spendMonth) {
        static Charge free(String type, String requestId, String month, boolean freeTier) {
            return new Charge(type, requestId, month, BigDecimal.ZERO, null, null, freeTier, null, null);
        }

        /** The ledger key this charge was taken under. */
        public String key() {
            return chargeKey(requestId);
        }

        public boolean isPaid() {
            return currency != null;
        }
    }

    /**
     * What a call would cost now, and whether it would be paid: the free allowance left after it, the wallet it
     * would be charged from and that wallet's balance after; when it would not be paid, {@code refusal} says why.
     * Nothing is written: a concurrent call may still take the allowance or the balance first.
     */
    public record Quote(String type, BigDecimal usd, Currency currency, BigDecimal amount, int freeRemaining,
                        Currency balanceCurrency, BigDecimal balanceAfter, RuntimeException refusal) {
        public boolean wouldSucceed() {
            return refusal == null;
        }

        public boolean isPaid() {
            return currency != null;
        }
    }

    /** The result of billed work, with its charge (for metering). */
    public record Billed<T>(T result, Charge charge) {}

    private final Table table;
    private final WalletRepository wallets;
    private final Ledger ledger;
    private final FreeTier freeTier;
    private final SpendLimits limits;
    private final BalanceAlerts alerts;
    private final WebhookOutbox outbox;
    private final UsageOutbox usage;
    private final Prices prices;
    private final UsdRates rates;
    private final Clock clock;

    public Billing(Table table, WalletRepository wallets, Ledger ledger, FreeTier freeTier, SpendLimits limits,
                   WebhookOutbox outbox, UsageOutbox usage, Prices prices, UsdRates rates, Clock clock) {
        this.table = table;
        this.wallets = wallets;
        this.ledger = ledger;
        this.freeTier = freeTier;
        this.limits = limits;
        this.alerts = new BalanceAlerts(table, outbox, rates);
        this.outbox = outbox;
        this.usage = usage;
        this.prices = prices;
        this.rates = rates;
        this.clock = clock;
    }

    /**
     * The key that makes the charge of request {@code requestId} happen at most once: API Gateway's request id is
     * unique per request and the same for every retry of its invocation. (A client's repeated
     * {@code Idempotency-Key} never gets this far: the router replays the first response instead.)
     */
    public static String chargeKey(String requestId) {
        return "request:" + requestId;
    }

    /** Charges for request {@code requestId}, a call of {@code type}, does {@code work}, and refunds the charge if the work fails. */
    public <T> Billed<T> run(long agentId, String type, String requestId, Supplier<T> work) {
        Charge charge = charge(agentId, type, requestId);
        try {
            return new Billed<>(work.get(), charge);
        } catch (RuntimeException | Error failure) {
            try {
                refund(agentId, charge);
            } catch (RuntimeException refundFailure) {
                failure.addSuppressed(refundFailure);
            }
            throw failure;
        }
    }

    /**
     * Charges once per {@code key}; throws 402 (nothing written: no wallet can pay, or a spend limit refuses) or 503 (a
     * needed rate is stale, or every round lost a race). The debit, the spend windows' counters and the call's usage
     * event (in the usage outbox) commit together.
     */
    public Charge charge(long agentId, String type, String requestId) {
        String key = chargeKey(requestId);
        String month = Months.current(clock).toString();
        BigDecimal usd = prices.usd(type);
        if (freeTier.tryUse(agentId, type, month, prices.freePerMonth(type))) {
            return Charge.free(type, requestId, month, true);
        }
        if (usd.signum() == 0) {
            return Charge.free(type, requestId, month, false);
        }
        Settings settings = settings(agentId);
        SpendLimits.Limits caps = settings.limits();
        BalanceAlerts.State alert = settings.alert();
        rounds:
        for (int round = 0; round < MAX_ROUNDS; round++) {
            limits.checkPerCall(caps, usd);
            SpendLimits.DebitWrites spend;
            try {
                spend = limits.debitWrites(agentId, usd, caps);
            } catch (SpendLimitExceeded larger) {
                throw limitReached(agentId, larger); // the call alone is more than a window's cap
            }
            List<Wallet> all = wallets.wallets(agentId);
            if (all.isEmpty()) {
                throw new PaymentRequired(usd, "USD", BigDecimal.ZERO);
            }
            BalanceAlerts.Writes alerting = alerts.onDebit(agentId, alert, all, usd, type);
            List<TransactWriteItem> alongside = new ArrayList<>(spend.writes());
            alongside.addAll(alerting.writes());
            alongside.add(usage.write(new UsageEvent(type, agentId, month, usd, requestId, clock.millis())));
            boolean raced = false;
            Payers payers = payers(all, usd);
            for (Payer payer : payers.covering()) {
                Wallet wallet = payer.wallet();
                BigDecimal amount = payer.amount();
                Debit debit = ledger.debit(agentId, wallet.currency(), amount, key, type, alongside);
                switch (debit) {
                    case Debit.Paid paid -> {
                        if (alerting.event() != null) {
                            outbox.release(List.of(alerting.event()));
                        }
                        return new Charge(type, requestId, month, usd, wallet.currency(), amount, false,
                                spend.day().period(), spend.month().period());
                    }
                    case Debit.AlreadyPaid before -> {
                        return new Charge(type, requestId, month, usd, before.currency(), before.amount().abs(), false,
                                spend.day().period(), spend.month().period());
                    }
                    case Debit.Insufficient none -> raced = true; // spent meanwhile by a concurrent call
                    case Debit.Contended busy -> throw walletBusy(); // conflicts past the SDK's retries
                    case Debit.Declined declined -> {
                        switch (declined.index()) {
                            case SpendLimits.DebitWrites.DAY -> throw limitReached(agentId, SpendLimits.exceeded(spend.day()));
                            case SpendLimits.DebitWrites.MONTH -> throw limitReached(agentId, SpendLimits.exceeded(spend.month()));
                            case SpendLimits.DebitWrites.LIMITS -> {
                                // The limits changed while this call ran: a lowered cap holds at once.
                                caps = caps.tighter(limits.limits(agentId));
                                continue rounds;
                            }
                            default -> {
                                // A concurrent debit marked the balance low first: it sent the one alert.
                                alert = alert.marked();
                                continue rounds;
                            }
                        }
                    }
                }
            }
            if (!raced) {
                if (payers.staleRate() != null) {
                    throw payers.staleRate();
                }
                throw insufficient(usd, all.getFirst());
            }
        }
        // Every round lost the balance to a concurrent debit: nothing was taken, and what is left may still cover the
        // call, so this is "try again", not "pay".
        throw walletBusy();
    }

    private static ServiceUnavailable walletBusy() {
        return new ServiceUnavailable("Your wallet is busy with concurrent calls; nothing was charged. Try again.");
    }

    /** A dry run of {@link #charge}: the same choice of free tier and wallet, without taking either. */
    public Quote quote(long agentId, String type) {
        String month = Months.current(clock).toString();
        BigDecimal usd = prices.usd(type);
        int allowance = prices.freePerMonth(type);
        int freeLeft = allowance <= 0 ? 0 : Math.max(0, allowance - freeTier.used(agentId, type, month));
        List<Wallet> all = wallets.wallets(agentId);
        Wallet primary = all.isEmpty() ? null : all.getFirst();
        if (freeLeft > 0 || usd.signum() == 0) {
            return new Quote(type, usd, null, null, Math.max(0, freeLeft - 1), currencyOf(primary), balanceOf(primary), null);
        }
        if (primary == null) {
            return new Quote(type, usd, null, null, 0, null, null, new PaymentRequired(usd, "USD", BigDecimal.ZERO));
        }
        Payers payers = payers(all, usd);
        if (!payers.covering().isEmpty()) {
            Payer payer = payers.covering().getFirst();
            try {
                limits.checkRoom(agentId, usd);
            } catch (SpendLimitExceeded capped) {
                return new Quote(type, usd, null, null, 0, primary.currency(), primary.balance(), capped);
            }
            return new Quote(type, usd, payer.wallet().currency(), payer.amount(), 0, payer.wallet().currency(),
                    payer.wallet().balance().subtract(payer.amount()), null);
        }
        RuntimeException refusal = payers.staleRate() != null ? payers.staleRate() : insufficient(usd, primary);
        return new Quote(type, usd, null, null, 0, primary.currency(), primary.balance(), refusal);
    }

    /**
     * Refuses, before anything is paid for it, a call of {@code type} that the agent's spend limits would refuse as
     * they stand (an x402 payment is not taken for a call that could not then be charged).
     */
    public void checkSpendLimits(long agentId, String type) {
        try {
            limits.checkRoom(agentId, prices.usd(type));
        } catch (SpendLimitExceeded refused) {
            throw limitReached(agentId, refused);
        }
    }

    /** What a charge reads before its first round: the spend limits and the low-balance alert's state, in one call. */
    private record Settings(SpendLimits.Limits limits, BalanceAlerts.State alert) {}

    private Settings settings(long agentId) {
        List<String> attributes = new ArrayList<>(SpendLimits.ATTRIBUTES);
        attributes.add("low_balance_usd");
        Item limitsItem = Item.create();
        Item agent = Item.create();
        Item mark = Item.create();
        for (Item item : Queries.getAll(table, List.of(Item.key(Keys.agent(agentId), Keys.SPEND_LIMITS),
                Item.key(Keys.agent(agentId), Keys.AGENT), Item.key(Keys.agent(agentId), Keys.LOW_BALANCE)), true, attributes)) {
            switch (item.string("SK")) {
                case Keys.SPEND_LIMITS -> limitsItem = item;
                case Keys.AGENT -> agent = item;
                default -> mark = item;
            }
        }
        return new Settings(SpendLimits.parse(limitsItem), BalanceAlerts.state(agent, mark));
    }

    /**
     * Sends {@code spend_limit.reached} the first time a day's or month's cap refuses a call in its window (the
     * per-call cap refuses single calls, which the 402 says), and returns the refusal to throw.
     */
    private SpendLimitExceeded limitReached(long agentId, SpendLimitExceeded refused) {
        if (refused.period() == null) {
            return refused;
        }
        try {
            var data = Json.object().put("agent_id", agentId).put("window", refused.window()).put("period", refused.period())
                    .put("cap_usd", Amounts.price(refused.capUsd())).put("resets_at", Timestamps.record(refused.resetsAt()));
            outbox.writeOnce(outbox.event(agentId, WebhookEventType.SPEND_LIMIT_REACHED, data),
                    WebhookEventType.SPEND_LIMIT_REACHED.wire() + "#" + refused.window() + "#" + refused.period());
        } catch (RuntimeException e) {
            // The refusal stands either way; a lost notice must not turn a 402 into a 500.
            System.err.println("WARN spend_limit.reached not written for agent " + agentId + ": " + e);
        }
        return refused;
    }

    /** A wallet that covers a price now, and what it would pay. */
    private record Payer(Wallet wallet, BigDecimal amount) {}

    /** The wallets that cover a price, in paying order, and the stale rate that kept a funded wallet out (or null). */
    private record Payers(List<Payer> covering, ServiceUnavailable staleRate) {}

    private Payers payers(List<Wallet> all, BigDecimal usd) {
        List<Payer> covering = new ArrayList<>();
        ServiceUnavailable staleRate = null;
        for (Wallet wallet : all) {
            BigDecimal amount;
            try {
                amount = inCurrency(usd, wallet.currency());
            } catch (ServiceUnavailable stale) {
                if (wallet.balance().signum() > 0) {
                    staleRate = stale;
                }
                continue;
            }
            if (wallet.balance().compareTo(amount) >= 0) {
                covering.add(new Payer(wallet, amount));
            }
        }
        return new Payers(covering, staleRate);
    }

    private static Currency currencyOf(Wallet wallet) {
        return wallet == null ? null : wallet.currency();
    }

    private static BigDecimal balanceOf(Wallet wallet) {
        return wallet == null ? null : wallet.balance();
    }

    /**
     * Gives a failed call's charge back: a {@code refund} entry (with the spend given back and the call's usage event
     * discarded: it is not usage), or the free call back to the allowance.
     */
    public void refund(long agentId, Charge charge) {
        if (charge.freeTier()) {
            freeTier.giveBack(agentId, charge.type(), charge.month());
        } else if (charge.isPaid()) {
            List<TransactWriteItem> alongside = new ArrayList<>(
                    limits.refundWrites(agentId, charge.spendDay(), charge.spendMonth(), charge.usd()));
            alongside.add(usage.discard(charge.requestId()));
            ledger.credit(agentId, charge.currency(), charge.amount(), LedgerEntry.Type.REFUND, "refund:" + charge.key(),
                    "refund " + charge.type(), alongside);
        }
    }

    /** {@code usd} in {@code currency}, rounded up to the currency's smallest unit so a charge always covers it. */
    public BigDecimal inCurrency(BigDecimal usd, Currency currency) {
        return usd.divide(rates.usdPerUnit(currency), currency.decimals(), RoundingMode.CEILING).stripTrailingZeros();
    }

    private PaymentRequired insufficient(BigDecimal usd, Wallet primary) {
        BigDecimal balance = new BigDecimal(Amounts.format(primary.balance(), primary.currency()));
        try {
            BigDecimal required = inCurrency(usd, primary.currency());
            return new PaymentRequired(new BigDecimal(Amounts.format(required, primary.currency())), primary.currency().name(), balance);
        } catch (ServiceUnavailable stale) {
            return new PaymentRequired(usd.setScale(2, RoundingMode.HALF_UP), "USD", balance); // no rate to quote in
        }
    }
}
