package com.ceki.agentsearch;

import com.ceki.addresses.AddressesModule;
import com.ceki.billing.BillingModule;
import com.ceki.core.CoreModule;
import com.ceki.metering.MeteringModule;
import com.ceki.payments.PaymentsModule;
import com.ceki.search.SearchModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, MeteringModule.class, BillingModule.class, SearchModule.class, PaymentsModule.class, AddressesModule.class,
        AgentSearchComponent.Bindings.class})
interface AgentSearchComponent {

    AgentSearchRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static UserRepository users(Table table) {
            return new UserRepository(table);
        }
    }
}
