package com.ceki.meteringfunction;

import com.ceki.agents.AgentRepository;
import com.ceki.billing.UsageRepository;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.metering.MeteringModule;
import com.ceki.metering.OutboxUsageMeter;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The metering function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, MeteringModule.class, MeteringComponent.Bindings.class})
interface MeteringComponent {

    UsageCounting counting();

    /** The usage sweeper's (the consumer never builds it, nor the SQS client it needs). */
    OutboxUsageMeter meter();

    Config config();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static UsageCounting counting(Table table) {
            return new UsageCounting(new UsageRepository(table), new AgentRepository(table));
        }
    }
}
