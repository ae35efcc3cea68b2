package com.ceki.useraccount;

import com.ceki.core.CoreModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The profile function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, UserAccountComponent.Bindings.class})
interface UserAccountComponent {

    UserAccountRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static UserRepository users(Table table) {
            return new UserRepository(table);
        }
    }
}
