package com.ceki.apidocs;

import com.ceki.core.money.Prices;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The discovery function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, ApiDocsComponent.Bindings.class})
interface ApiDocsComponent {

    ApiDocsRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static Prices prices(Config config) {
            return Prices.fromConfig(config);
        }
    }
}
