package com.ceki.agentregistration;

import com.ceki.addresses.AddressesModule;
import com.ceki.agents.AgentRegistration;
import com.ceki.agents.AgentRepository;
import com.ceki.agents.EmailCodes;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.WalletRepository;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.core.email.Mailer;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.DepositAddresses;
import com.ceki.email.EmailModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookTargets;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The registration function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, EmailModule.class, AddressesModule.class,
        AgentRegistrationComponent.Bindings.class})
interface AgentRegistrationComponent {

    AgentRegistrationRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static AgentRegistration registration(Table table, DepositAddresses addresses, Mailer mailer, Config config,
                                              IdGenerator ids, Clock clock) {
            return new AgentRegistration(new AgentRepository(table), new WalletRepository(table), addresses,
                    new EmailCodes(config.required("CODE_PEPPER")), mailer,
                    StoredUsdRates.fromConfig(table, config, clock),
                    ids, clock, config.decimal("ACTIVATION_USD", "20.00"));
        }

        /** Only the callback URL check of the webhooks module: registration queues nothing (no SQS client here). */
        @Provides
        @Singleton
        static WebhookTargets webhookTargets(Config config) {
            return WebhookTargets.fromConfig(config);
        }
    }
}
