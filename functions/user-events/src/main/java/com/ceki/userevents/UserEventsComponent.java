package com.ceki.userevents;

import com.ceki.agenda.Agenda;
import com.ceki.calendars.KalRepository;
import com.ceki.contracts.ContractRepository;
import com.ceki.contracts.Contracts;
import com.ceki.contracts.work.Clocks;
import com.ceki.contracts.work.ContractEventChanges;
import com.ceki.contracts.work.TimeBooking;
import com.ceki.contracts.work.WeekLocks;
import com.ceki.core.CoreModule;
import com.ceki.core.ids.IdGenerator;
import com.ceki.events.Corrections;
import com.ceki.events.EventChanger;
import com.ceki.events.EventRepository;
import com.ceki.events.PersonalEvents;
import com.ceki.events.Trackers;
import com.ceki.schedules.user.BookingChanges;
import com.ceki.schedules.user.ScheduleEvents;
import com.ceki.schedules.user.ScheduleMembers;
import com.ceki.schedules.user.UserScheduleRepository;
import com.ceki.schedules.user.UserSchedules;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The events function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, UserEventsComponent.Bindings.class})
interface UserEventsComponent {

    UserEventsRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static Agenda agenda(Table table, IdGenerator ids, Clock clock) {
            EventRepository events = new EventRepository(table);
            UserRepository users = new UserRepository(table);
            KalRepository kals = new KalRepository(table);
            UserScheduleRepository scheduleRepository = new UserScheduleRepository(table);
            UserSchedules schedules = new UserSchedules(scheduleRepository, new ScheduleMembers(table), kals, users, ids, clock);
            ContractRepository contractRepository = new ContractRepository(table);
            Contracts contracts = new Contracts(contractRepository, events, kals, users, ids, clock);
            TimeBooking booking = new TimeBooking(table, contractRepository, events, new WeekLocks(table), ids);
            return new Agenda(table, events, new Corrections(table, events, new EventChanger(table, events), ids, clock),
                    new Trackers(table, events, ids, clock), new PersonalEvents(table, events), schedules,
                    new BookingChanges(scheduleRepository, schedules, new ScheduleEvents(table, events), clock), contracts,
                    new ContractEventChanges(contracts, contractRepository, booking, clock),
                    new Clocks(table, contracts, contractRepository, events, booking, ids, clock), kals, clock);
        }
    }
}
