package com.ceki.calendarfeed;

import com.ceki.calendars.KalRepository;
import com.ceki.calendars.feed.KalFeeds;
import com.ceki.core.CoreModule;
import com.ceki.events.EventRepository;
import com.ceki.events.PersonalEvents;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The feed function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, CalendarFeedComponent.Bindings.class})
interface CalendarFeedComponent {

    CalendarFeedRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static KalFeeds feeds(Table table) {
            return new KalFeeds(table, new KalRepository(table));
        }

        @Provides
        @Singleton
        static PersonalEvents personal(Table table) {
            return new PersonalEvents(table, new EventRepository(table));
        }
    }
}
