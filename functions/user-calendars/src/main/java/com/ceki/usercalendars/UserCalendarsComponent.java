package com.ceki.usercalendars;

import com.ceki.calendars.KalRepository;
import com.ceki.calendars.feed.KalFeeds;
import com.ceki.users.UserRepository;
import com.ceki.calendars.Kals;
import com.ceki.core.CoreModule;
import com.ceki.core.ids.IdGenerator;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, UserCalendarsComponent.Bindings.class})
interface UserCalendarsComponent {

    UserCalendarsRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static Kals kals(Table table, IdGenerator ids, Clock clock) {
            return new Kals(new KalRepository(table), new UserRepository(table), ids, clock);
        }

        @Provides
        @Singleton
        static KalFeeds feeds(Table table) {
            return new KalFeeds(table, new KalRepository(table));
        }
    }
}
