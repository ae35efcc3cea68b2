package com.ceki.agentaccount;

import com.ceki.agents.AgentAccounts;
import com.ceki.agents.AgentRepository;
import com.ceki.billing.WalletRepository;
import com.ceki.core.CoreModule;
import com.ceki.metering.MeteringModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhooksModule;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The agent-account function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, MeteringModule.class, WebhooksModule.class,
        AgentAccountComponent.Bindings.class})
interface AgentAccountComponent {

    AgentAccountRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static AgentAccounts accounts(Table table, Clock clock) {
            return new AgentAccounts(new AgentRepository(table), new WalletRepository(table), clock);
        }
    }
}
