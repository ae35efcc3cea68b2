package com.ceki.search;

import com.ceki.core.config.Config;
import com.ceki.storage.Table;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The search of a function instance (its in-memory index lives as long as the instance). Needs Core and Storage. */
@Module
public final class SearchModule {

    private SearchModule() {}

    @Provides
    @Singleton
    static ScheduleSearch scheduleSearch(Table table, Config config, Clock clock) {
        return new ScheduleSearch(table, config, clock);
    }
}
