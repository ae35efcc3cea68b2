package com.ceki.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.billing.Billing;
import com.ceki.billing.FreeTier;
import com.ceki.billing.Ledger;
import com.ceki.billing.LedgerEntry;
import com.ceki.core.money.Prices;
import com.ceki.billing.SpendLimits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.UsageOutbox;
import com.ceki.billing.WalletRepository;
import com.ceki.core.config.Config;
import com.ceki.core.errors.PaymentRequired;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.tests.support.Agents;
import com.ceki.tests.support.Funding;
import com.ceki.tests.support.TestServer;
import com.ceki.tests.support.Webhooks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Billing rules that no route of this issue reaches yet (the free tier belongs to {@code GET /api/agent/user/{id}})
 * or that need a failure injected after the debit: driven through the production {@link Billing} against the
 * real table, with the shared test clock.
 */
class BillingDomainTest {

    private final Billing billing = new Billing(TestServer.table(), new WalletRepository(TestServer.table()),
            new Ledger(TestServer.table(), new IdGenerator(Clocks.adjustable()), Clocks.adjustable()),
            new FreeTier(TestServer.table()), new SpendLimits(TestServer.table(), Clocks.adjustable()),
            Webhooks.outbox(), new UsageOutbox(TestServer.table(), Clocks.adjustable()), Prices.fromConfig(Config.of(Map.of())),
            new StoredUsdRates(TestServer.table(), Clocks.adjustable(), Duration.ofMinutes(15)), Clocks.adjustable());

    @AfterEach
    void resetClock() {
        Clocks.adjustable().reset();
        StoredUsdRates.store(TestServer.table(), new BigDecimal("100000"), new BigDecimal("4000"), Instant.now());
    }

    @Test
    void workThatFailsAfterTheDebitIsRefunded() {
        var agent = Agents.register("refund");
        Funding.deposit(agent.id(), Currency.USDT, "2.00");
        RuntimeException boom = new IllegalStateException("the schedule write failed");
        RuntimeException thrown = assertThrows(IllegalStateException.class,
                () -> billing.run(agent.id(), Prices.SCHEDULE_CREATE, "refund-" + agent.id(), () -> {
                    throw boom;
                }));
        assertEquals(boom, thrown);
        assertEquals(new BigDecimal("2.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        var entries = Funding.entries(agent.id());
        assertEquals(3, entries.size(), entries::toString);
        assertEquals(LedgerEntry.Type.REFUND, entries.get(0).type());
        assertEquals(new BigDecimal("1.00"), entries.get(0).amount().setScale(2));
        assertEquals(LedgerEntry.Type.CHARGE, entries.get(1).type());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void theSameRequestIsNeverChargedTwice() {
        var agent = Agents.register("twice");
        Funding.deposit(agent.id(), Currency.USDT, "5.00");
        for (int i = 0; i < 3; i++) {
            billing.charge(agent.id(), Prices.SCHEDULE_CREATE, "retried-" + agent.id());
        }
        assertEquals(new BigDecimal("4.00"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aHundredViewsAMonthAreFreeThenEachCosts10Cents() {
        var agent = Agents.register("views");
        Funding.deposit(agent.id(), Currency.USDT, "0.15");
        Clocks.adjustable().setTo(Instant.parse("2026-03-31T23:00:00Z"));
        for (int i = 1; i <= 100; i++) {
            var charge = billing.charge(agent.id(), Prices.API_USER_VIEW, "view-" + agent.id() + "-" + i);
            assertTrue(charge.freeTier(), "view " + i + " must be free");
        }
        var paid = billing.charge(agent.id(), Prices.API_USER_VIEW, "view-" + agent.id() + "-101");
        assertFalse(paid.freeTier());
        assertEquals(new BigDecimal("0.10"), paid.usd());
        assertEquals(new BigDecimal("0.05"), Funding.balances(agent.id()).get(Currency.USDT).setScale(2));
        assertThrows(PaymentRequired.class,
                () -> billing.charge(agent.id(), Prices.API_USER_VIEW, "view-" + agent.id() + "-102"));

        Clocks.adjustable().setTo(Instant.parse("2026-04-01T00:00:05Z")); // a new month
        assertEquals("2026-04", YearMonth.from(Clocks.adjustable().instant().atZone(ZoneOffset.UTC)).toString());
        assertTrue(billing.charge(agent.id(), Prices.API_USER_VIEW, "view-" + agent.id() + "-apr").freeTier());
        Funding.assertLedgerMatchesBalances(agent.id());
    }

    @Test
    void aFreeViewWhoseWorkFailsIsGivenBack() {
        var agent = Agents.register("giveback");
        Clocks.adjustable().setTo(Instant.parse("2026-05-10T10:00:00Z"));
        for (int i = 1; i <= 99; i++) {
            billing.charge(agent.id(), Prices.API_USER_VIEW, "gb-" + agent.id() + "-" + i);
        }
        assertThrows(IllegalStateException.class, () -> billing.run(agent.id(), Prices.API_USER_VIEW,
                "gb-" + agent.id() + "-fail", () -> {
                    throw new IllegalStateException("lookup failed");
                }));
        assertTrue(billing.charge(agent.id(), Prices.API_USER_VIEW, "gb-" + agent.id() + "-100").freeTier(),
                "the failed view's free slot came back");
    }
}
