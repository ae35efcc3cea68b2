package com.ceki.agentdirectory;

import com.ceki.agents.AgentDirectory;
import com.ceki.agents.AgentRepository;
import com.ceki.core.CoreModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The directory function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, AgentDirectoryComponent.Bindings.class})
interface AgentDirectoryComponent {

    AgentDirectoryRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static AgentDirectory directory(Table table, Clock clock) {
            return new AgentDirectory(new AgentRepository(table), clock);
        }
    }
}
