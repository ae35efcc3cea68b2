package com.ceki.core;

import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Prices;
import com.ceki.core.time.Clocks;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** Bindings every function shares: configuration, the clock, id generation and the prices. */
@Module
public final class CoreModule {

    private CoreModule() {}

    @Provides
    @Singleton
    static Config config() {
        return Config.fromEnvironment();
    }

    @Provides
    @Singleton
    static Clock clock(Config config) {
        return Clocks.fromConfig(config);
    }

    @Provides
    @Singleton
    static IdGenerator ids(Clock clock) {
        return new IdGenerator(clock);
    }

    /** One reading of the prices for those that charge them and those that state them (documents, MCP tools). */
    @Provides
    @Singleton
    static Prices prices(Config config) {
        return Prices.fromConfig(config);
    }
}
