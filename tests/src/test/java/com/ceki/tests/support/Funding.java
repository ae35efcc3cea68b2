package com.ceki.tests.support;

import com.ceki.billing.Ledger;
import com.ceki.billing.LedgerEntry;
import com.ceki.billing.WalletRepository;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Money for tests, moved by the production ledger code against the real table: deposits as the deposit scanner
 * credits them, and the audit every money test ends with (each balance equals the sum of its ledger).
 */
public final class Funding {

    private Funding() {}

    private static Ledger ledger() {
        return new Ledger(TestServer.table(), new IdGenerator(Clocks.adjustable()), Clocks.adjustable());
    }

    public static void deposit(long agentId, Currency currency, String amount) {
        ledger().credit(agentId, currency, new BigDecimal(amount), LedgerEntry.Type.DEPOSIT,
                "test-deposit:" + UUID.randomUUID(), "test deposit");
    }

    public static List<LedgerEntry> entries(long agentId) {
        return ledger().all(agentId);
    }

    public static Map<Currency, BigDecimal> balances(long agentId) {
        return new WalletRepository(TestServer.table()).wallets(agentId).stream()
                .collect(Collectors.toMap(w -> w.currency(), w -> w.balance()));
    }

    /** Asserts the ledger invariant: per currency, balance = sum of entries, and never negative. */
    public static void assertLedgerMatchesBalances(long agentId) {
        Map<Currency, BigDecimal> sums = entries(agentId).stream().collect(Collectors.groupingBy(LedgerEntry::currency,
                Collectors.reducing(BigDecimal.ZERO, LedgerEntry::amount, BigDecimal::add)));
        balances(agentId).forEach((currency, balance) -> {
            if (balance.signum() < 0) {
                throw new AssertionError(currency + " balance is negative: " + balance);
            }
            BigDecimal sum = sums.getOrDefault(currency, BigDecimal.ZERO);
            if (sum.compareTo(balance) != 0) {
                throw new AssertionError(currency + " balance " + balance + " != ledger sum " + sum);
            }
        });
    }
}
