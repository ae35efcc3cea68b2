package com.ceki.agentschedules;

import com.ceki.billing.Billing;
import com.ceki.billing.DynamoIdempotencyStore;
import com.ceki.billing.FreeTier;
import com.ceki.billing.Ledger;
import com.ceki.billing.Prices;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.WalletRepository;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.core.idempotency.IdempotencyStore;
import com.ceki.core.ids.IdGenerator;
import com.ceki.metering.MeteringModule;
import com.ceki.schedules.AgentSchedules;
import com.ceki.schedules.ScheduleRepository;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Singleton;

/** The schedules function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, MeteringModule.class, AgentSchedulesComponent.Bindings.class})
interface AgentSchedulesComponent {

    AgentSchedulesRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static AgentSchedules schedules(Table table, IdGenerator ids, Clock clock) {
            return new AgentSchedules(new ScheduleRepository(table), ids, clock);
        }

        @Provides
        @Singleton
        static Billing billing(Table table, Config config, IdGenerator ids, Clock clock) {
            return new Billing(new WalletRepository(table), new Ledger(table, ids, clock), new FreeTier(table),
                    Prices.fromConfig(config),
                    new StoredUsdRates(table, clock, Duration.ofSeconds(config.longValue("RATE_MAX_AGE_SECONDS", 900))), clock);
        }

        @Provides
        @Singleton
        static IdempotencyStore idempotency(Table table, Clock clock) {
            return new DynamoIdempotencyStore(table, clock);
        }
    }
}
