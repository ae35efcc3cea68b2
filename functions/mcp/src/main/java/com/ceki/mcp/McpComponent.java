package com.ceki.mcp;

import com.ceki.core.money.Prices;
import com.ceki.core.config.Config;
import com.ceki.core.CoreModule;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** The MCP function's own object graph (the tools' functions build theirs), generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, McpComponent.Bindings.class})
interface McpComponent {

    McpRoutes routes();

    @Module
    final class Bindings {
        private Bindings() {}

        /** The prices the tool descriptions state: the same configuration the billed routes charge by. */
        @Provides
        @Singleton
        static Prices prices(Config config) {
            return Prices.fromConfig(config);
        }
    }
}
