package com.ceki.userfiles;

import com.ceki.core.CoreModule;
import com.ceki.events.EventFiles;
import com.ceki.events.EventRepository;
import com.ceki.files.FilesModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The files function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, FilesModule.class, UserFilesComponent.Bindings.class})
interface UserFilesComponent {

    UserFilesRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static EventFiles eventFiles(Table table, Clock clock) {
            return new EventFiles(table, new EventRepository(table), clock);
        }
    }
}
