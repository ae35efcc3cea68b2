package com.ceki.depositscanner;

import com.ceki.billing.Ledger;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.WalletRepository;
import com.ceki.core.CoreModule;
import com.ceki.core.config.Config;
import com.ceki.core.email.Mailer;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Currency;
import com.ceki.deposits.DepositCredits;
import com.ceki.email.EmailModule;
import com.ceki.ethereum.JdkHttpService;
import com.ceki.storage.StorageModule;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookOutbox;
import com.ceki.webhooks.WebhooksModule;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Singleton;

/** The scanner's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, EmailModule.class, WebhooksModule.class,
        DepositScannerComponent.Bindings.class})
interface DepositScannerComponent {

    DepositScanner scanner();

    @Module
    final class Bindings {
        private Bindings() {}

        @Provides
        @Singleton
        static DepositScanner scanner(Table table, Config config, Mailer mailer, WebhookOutbox outbox, IdGenerator ids,
                                      Clock clock) {
            Map<String, Currency> tokens = new HashMap<>();
            config.optional("USDT_CONTRACT").ifPresent(address -> tokens.put(address, Currency.USDT));
            config.optional("USDC_CONTRACT").ifPresent(address -> tokens.put(address, Currency.USDC));
            EthereumSource ethereum = config.optional("ETH_RPC_URL")
                    .map(url -> new EthereumSource(JdkHttpService.web3j(url), tokens)).orElse(null);
            EsploraSource bitcoin = config.optional("ESPLORA_URL").map(EsploraSource::new).orElse(null);
            var rates = StoredUsdRates.fromConfig(table, config, clock);
            var credits = new DepositCredits(table, new Ledger(table, ids, clock), new WalletRepository(table),
                    new MinDeposits(config), rates, new DepositEmails(mailer, new WalletRepository(table)), outbox, ids, clock,
                    config.decimal("ACTIVATION_USD", "20.00"));
            var settings = new DepositScanner.Settings(config.integer("ETH_CONFIRMATIONS", 12),
                    config.integer("BTC_CONFIRMATIONS", 3), config.longValue("ETH_START_BLOCK", 0),
                    config.integer("SCAN_BLOCK_BUDGET", 500), config.integer("SCAN_CHUNK_BLOCKS", 50),
                    config.longValue("BTC_START_BLOCK", 0), config.integer("SCAN_BTC_BLOCK_BUDGET", 12));
            return new DepositScanner(ethereum, bitcoin, new DepositAddressBook(table), credits, new ScanCursors(table),
                    new HeldDeposits(table, clock), settings);
        }
    }
}
