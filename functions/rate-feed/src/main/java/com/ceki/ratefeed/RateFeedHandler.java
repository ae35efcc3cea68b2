package com.ceki.ratefeed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.ceki.aws.AwsSettings;
import com.ceki.aws.LambdaLog;
import com.ceki.billing.StoredUsdRates;
import com.ceki.core.config.Config;
import com.ceki.core.time.Clocks;
import com.ceki.storage.Table;
import java.time.Clock;
import java.util.Map;

/**
 * The scheduled exchange-rate feed ({@code rate(1 minute)}): reads BTC and ETH in USD from {@code RATE_SOURCE_URL}
 * and stores them with their time in {@code RATES#USD}, which billing and the deposit scanner read with a maximum
 * age. A failed fetch writes nothing, so stale rates lead to 503s rather than to charges at a wrong price.
 * Small enough to need no DI framework: three objects, built once per container.
 */
public final class RateFeedHandler implements RequestHandler<Map<String, Object>, String> {

    private final RateSource source;
    private final Table table;
    private final Clock clock;

    public RateFeedHandler() {
        Config config = Config.fromEnvironment();
        this.source = config.optional("RATE_SOURCE_URL").map(RateSource::new).orElse(null);
        this.table = Table.fromConfig(config, new AwsSettings(config));
        this.clock = Clocks.fromConfig(config);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        if (source == null) {
            return "no rate source configured";
        }
        var rates = source.fetch();
        if (rates.isEmpty()) {
            String line = "WARN rate source gave no usable prices; the stored rates keep ageing";
            LambdaLog.line(context, line);
            return line;
        }
        StoredUsdRates.store(table, rates.get().btcUsd(), rates.get().ethUsd(), clock.instant());
        return "stored BTC " + rates.get().btcUsd().toPlainString() + " USD, ETH " + rates.get().ethUsd().toPlainString() + " USD";
    }
}
