package com.ceki.usercontracts;

import com.ceki.calendars.KalRepository;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.Hands;
import com.ceki.contracts.work.Bills;
import com.ceki.contracts.work.Clocks;
import com.ceki.contracts.work.ContractCorrections;
import com.ceki.contracts.work.ContractEventChanges;
import com.ceki.contracts.work.ContractEvents;
import com.ceki.contracts.work.ContractMoney;
import com.ceki.contracts.work.TimeBooking;
import com.ceki.contracts.work.TimeEntries;
import com.ceki.contracts.work.WeekLocks;
import com.ceki.core.CoreModule;
import com.ceki.core.email.Mailer;
import com.ceki.core.ids.IdGenerator;
import com.ceki.email.EmailModule;
import com.ceki.events.Corrections;
import com.ceki.events.EventChanger;
import com.ceki.events.EventRepository;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.Contacts;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The contracts function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, EmailModule.class, UserContractsComponent.Bindings.class})
interface UserContractsComponent {

    UserContractsRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static ContractRepository contractRepository(Table table) {
            return new ContractRepository(table);
        }

        @Provides
        @Singleton
        static EventRepository events(Table table) {
            return new EventRepository(table);
        }

        @Provides
        @Singleton
        static UserRepository users(Table table) {
            return new UserRepository(table);
        }

        @Provides
        @Singleton
        static Contracts contracts(ContractRepository repository, EventRepository events, Table table, UserRepository users,
                                   IdGenerator ids, Clock clock) {
            return new Contracts(repository, events, new KalRepository(table), users, ids, clock);
        }

        @Provides
        @Singleton
        static Hands hands(Contracts contracts, ContractRepository repository, UserRepository users, Table table,
                           Mailer mailer, IdGenerator ids, Clock clock) {
            return new Hands(contracts, repository, users, new Contacts(table, users, ids, clock), mailer, ids, clock);
        }

        @Provides
        @Singleton
        static TimeBooking booking(Table table, ContractRepository repository, EventRepository events, IdGenerator ids) {
            return new TimeBooking(table, repository, events, new WeekLocks(table), ids);
        }

        @Provides
        @Singleton
        static TimeEntries timeEntries(Contracts contracts, ContractRepository repository, EventRepository events,
                                       TimeBooking booking, UserRepository users, IdGenerator ids, Clock clock) {
            return new TimeEntries(contracts, repository, events, booking, users, ids, clock);
        }

        @Provides
        @Singleton
        static Clocks clocks(Table table, Contracts contracts, ContractRepository repository, EventRepository events,
                             TimeBooking booking, IdGenerator ids, Clock clock) {
            return new Clocks(table, contracts, repository, events, booking, ids, clock);
        }

        @Provides
        @Singleton
        static ContractEventChanges contractEventChanges(Contracts contracts, ContractRepository repository,
                                                         TimeBooking booking, Clock clock) {
            return new ContractEventChanges(contracts, repository, booking, clock);
        }

        @Provides
        @Singleton
        static ContractEvents contractEvents(Table table, Contracts contracts, ContractRepository repository,
                                             EventRepository events, TimeBooking booking, ContractEventChanges changes,
                                             UserRepository users, IdGenerator ids, Clock clock) {
            return new ContractEvents(table, contracts, repository, events, booking, changes, new KalRepository(table),
                    users, ids, clock);
        }

        @Provides
        @Singleton
        static ContractMoney money(Table table, Contracts contracts, ContractRepository repository, EventRepository events,
                                   IdGenerator ids, Clock clock) {
            return new ContractMoney(table, contracts, repository, events, ids, clock);
        }

        @Provides
        @Singleton
        static ContractCorrections contractCorrections(Contracts contracts, Hands hands, EventRepository events, Table table,
                                                       ContractEventChanges changes, IdGenerator ids, Clock clock) {
            return new ContractCorrections(contracts, hands, events,
                    new Corrections(table, events, new EventChanger(table, events), ids, clock), changes);
        }

        @Provides
        @Singleton
        static Bills bills(Table table, Contracts contracts, ContractRepository repository, EventRepository events,
                           IdGenerator ids, Clock clock) {
            return new Bills(table, contracts, repository, events, ids, clock);
        }
    }
}
