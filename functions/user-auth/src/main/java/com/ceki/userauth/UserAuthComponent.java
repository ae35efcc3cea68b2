package com.ceki.userauth;

import com.ceki.auth.UserTokens;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.core.email.Mailer;
import com.ceki.core.ids.IdGenerator;
import com.ceki.email.EmailModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.users.OneTimePasswords;
import com.ceki.users.UserAuth;
import com.ceki.users.UserRepository;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Singleton;

/** The sign-in function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, EmailModule.class, UserAuthComponent.Bindings.class})
interface UserAuthComponent {

    UserAuthRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static UserAuth auth(Table table, Config config, Mailer mailer, IdGenerator ids, Clock clock) {
            UserTokens tokens = UserTokens.issuer(config.required("JWT_SIGNING_KEY"), config.required("JWT_ISSUER"),
                    config.required("JWT_AUDIENCE"), Duration.ofSeconds(config.longValue("JWT_TTL_SECONDS", 86_400)), clock);
            return new UserAuth(table, new UserRepository(table),
                    new OneTimePasswords(table, config.required("CODE_PEPPER"), clock), tokens, mailer, ids, clock);
        }
    }
}
