package com.ceki.agentschedules;

import com.ceki.addresses.AddressesModule;
import com.ceki.billing.BillingModule;
import com.ceki.core.CoreModule;
import com.ceki.core.ids.IdGenerator;
import com.ceki.metering.MeteringModule;
import com.ceki.payments.PaymentsModule;
import com.ceki.schedules.AgentSchedules;
import com.ceki.schedules.ScheduleRepository;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The schedules function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, MeteringModule.class, BillingModule.class, PaymentsModule.class, AddressesModule.class, AgentSchedulesComponent.Bindings.class})
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
    }
}
