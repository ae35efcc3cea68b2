package com.ceki.agentwallet;

import com.ceki.addresses.AddressesModule;
import com.ceki.billing.BillingModule;
import com.ceki.billing.Ledger;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.UsageRepository;
import com.ceki.billing.WalletRepository;
import com.ceki.billing.Wallets;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.DepositAddresses;
import com.ceki.metering.MeteringModule;
import com.ceki.payments.PaymentsModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The wallet function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, MeteringModule.class, BillingModule.class, PaymentsModule.class,
        AddressesModule.class, AgentWalletComponent.Bindings.class})
interface AgentWalletComponent {

    AgentWalletRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static Wallets wallets(Table table, StoredUsdRates rates, DepositAddresses addresses, IdGenerator ids, Clock clock) {
            return new Wallets(new WalletRepository(table), addresses, rates, ids, clock);
        }

        @Provides
        @Singleton
        static Ledger ledger(Table table, IdGenerator ids, Clock clock) {
            return new Ledger(table, ids, clock);
        }

        @Provides
        @Singleton
        static UsageRepository usage(Table table) {
            return new UsageRepository(table);
        }

        @Provides
        @Singleton
        static MinDeposits minDeposits(Config config) {
            return new MinDeposits(config);
        }
    }
}
