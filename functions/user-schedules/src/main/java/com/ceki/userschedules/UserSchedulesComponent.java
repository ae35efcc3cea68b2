package com.ceki.userschedules;

import com.ceki.calendars.KalRepository;
import com.ceki.core.CoreModule;
import com.ceki.core.ids.IdGenerator;
import com.ceki.events.EventRepository;
import com.ceki.schedules.user.Bookings;
import com.ceki.schedules.user.ScheduleEvents;
import com.ceki.schedules.user.ScheduleMembers;
import com.ceki.schedules.user.UserScheduleRepository;
import com.ceki.schedules.user.UserSchedules;
import com.ceki.search.SearchModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The user-schedules function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, SearchModule.class, UserSchedulesComponent.Bindings.class})
interface UserSchedulesComponent {

    UserSchedulesRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static UserSchedules schedules(Table table, IdGenerator ids, Clock clock) {
            return new UserSchedules(new UserScheduleRepository(table), new ScheduleMembers(table), new KalRepository(table),
                    new UserRepository(table), ids, clock);
        }

        @Provides
        @Singleton
        static Bookings bookings(UserSchedules schedules, Table table, IdGenerator ids, Clock clock) {
            return new Bookings(schedules, new ScheduleEvents(table, new EventRepository(table)), new UserRepository(table),
                    ids, clock);
        }
    }
}
