package com.ceki.authorizer;

import com.ceki.auth.CredentialStore;
import com.ceki.auth.UserTokens;
import com.ceki.core.config.Config;
import java.time.Clock;
import com.ceki.core.CoreModule;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import dagger.Component;
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
        static CredentialStore credentialStore(Table table, Config config, Clock clock) {
            UserTokens tokens = config.optional("JWT_VERIFICATION_KEYS")
                    .map(keys -> UserTokens.verifier(keys, config.required("JWT_ISSUER"), config.required("JWT_AUDIENCE"), clock))
                    .orElse(null);
            return new CredentialStore(table, tokens);
        }
    }
}
