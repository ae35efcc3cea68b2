package com.ceki.payments;

import com.ceki.billing.Billing;
import com.ceki.billing.Ledger;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.WalletRepository;
import com.ceki.billing.Wallets;
import com.ceki.core.config.Config;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.DepositAddresses;
import com.ceki.core.money.Prices;
import com.ceki.deposits.DepositCredits;
import com.ceki.deposits.DepositNotifier;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookOutbox;
import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * Payments for functions with billed routes: {@link BilledCalls} over the charge, with x402 when configured
 * ({@link X402Settings}). Needs the functions' {@code Billing} and rates (BillingModule), {@code IdempotencyStore}
 * and deposit addresses.
 */
@Module
public final class PaymentsModule {

    private PaymentsModule() {}

    @Provides
    @Singleton
    static BilledCalls billedCalls(Billing billing, Prices prices, Optional<X402Payments> x402, IdempotencyStore idempotency) {
        return new BilledCalls(billing, prices, x402, idempotency);
    }

    @Provides
    @Singleton
    static Optional<X402Payments> x402(Config config, Table table, StoredUsdRates rates, Lazy<DepositAddresses> addresses,
                                       WebhookOutbox outbox, IdGenerator ids, Clock clock) {
        return X402Settings.fromConfig(config).map(settings -> {
            var walletRepository = new WalletRepository(table);
            Lazy<Wallets> wallets = () -> new Wallets(walletRepository, addresses.get(), rates, ids, clock);
            var credits = new DepositCredits(table, new Ledger(table, ids, clock), walletRepository, new MinDeposits(config),
                    rates, DepositNotifier.NONE, outbox, ids, clock, config.decimal("ACTIVATION_USD", "20.00"));
            return new X402Payments(settings, new Facilitator(settings.facilitatorUrl()),
                    new SettledTransfers(settings.rpcUrl()), walletRepository, wallets, credits);
        });
    }
}
