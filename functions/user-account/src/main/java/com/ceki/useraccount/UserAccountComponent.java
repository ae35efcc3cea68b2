package com.ceki.useraccount;

import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.core.email.Mailer;
import com.ceki.core.ids.IdGenerator;
import com.ceki.email.EmailModule;
import com.ceki.users.Contacts;
import com.ceki.users.CreatedUsers;
import com.ceki.users.OneTimePasswords;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The profile function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, EmailModule.class, UserAccountComponent.Bindings.class})
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

        @Provides
        @Singleton
        static Contacts contacts(Table table, UserRepository users, IdGenerator ids, Clock clock) {
            return new Contacts(table, users, ids, clock);
        }

        @Provides
        @Singleton
        static CreatedUsers createdUsers(Table table, UserRepository users, Config config, Mailer mailer, Clock clock) {
            return new CreatedUsers(users, new OneTimePasswords(table, config.required("CODE_PEPPER"), clock), mailer, clock);
        }
    }
}
