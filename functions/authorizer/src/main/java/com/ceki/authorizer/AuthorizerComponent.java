package com.ceki.authorizer;

import com.ceki.auth.CredentialStore;
import com.ceki.auth.UserTokens;
import com.ceki.core.config.Config;
import java.time.Clock;
import java.util.Optional;
import com.ceki.core.CoreModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The authorizer's object graph, generated at compile time by Dagger (no reflection at cold start). */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, AuthorizerComponent.Bindings.class})
interface AuthorizerComponent {

    CredentialStore credentials();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static CredentialStore credentialStore(Table table, Lazy<Optional<UserTokens>> tokens) {
            return new CredentialStore(table, () -> tokens.get().orElse(null));
        }

        /** Empty (no user tokens accepted) when no verification keys are configured. */
        @Provides
        @Singleton
        static Optional<UserTokens> userTokens(Config config, Clock clock) {
            return config.optional("JWT_VERIFICATION_KEYS")
                    .map(keys -> UserTokens.verifier(keys, config.required("JWT_ISSUER"), config.required("JWT_AUDIENCE"), clock));
        }
    }
}
