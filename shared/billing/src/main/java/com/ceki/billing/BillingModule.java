package com.ceki.billing;

import com.ceki.core.money.Prices;
import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookOutbox;
import com.ceki.webhooks.WebhooksModule;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * Billing for functions with billed routes: the charge and the agents' spend limits (the store behind
 * {@code Idempotency-Key} is in StorageModule).
 */
@Module(includes = WebhooksModule.class)
public final class BillingModule {

    private BillingModule() {}

    @Provides
    @Singleton
    static Billing billing(Table table, SpendLimits limits, WebhookOutbox outbox, Prices prices, StoredUsdRates rates,
                           IdGenerator ids, Clock clock) {
        return new Billing(table, new WalletRepository(table), new Ledger(table, ids, clock), new FreeTier(table), limits,
                outbox, new UsageOutbox(table, clock), prices, rates, clock);
    }

    /** One reader of the rates per function instance, so that its few-second cache serves every caller. */
    @Provides
    @Singleton
    static StoredUsdRates rates(Table table, Config config, Clock clock) {
        return StoredUsdRates.fromConfig(table, config, clock);
    }

    @Provides
    @Singleton
    static SpendLimits spendLimits(Table table, Clock clock) {
        return new SpendLimits(table, clock);
    }
}
