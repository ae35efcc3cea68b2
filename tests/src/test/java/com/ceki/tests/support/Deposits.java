package com.ceki.tests.support;

import com.ceki.aws.AwsSettings;
import com.ceki.billing.Ledger;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.WalletRepository;
import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.core.time.Clocks;
import com.ceki.deposits.DepositCredits;
import com.ceki.depositscanner.DepositAddressBook;
import com.ceki.depositscanner.DepositEmails;
import com.ceki.depositscanner.DepositScanner;
import com.ceki.depositscanner.EsploraSource;
import com.ceki.depositscanner.EthereumSource;
import com.ceki.depositscanner.HeldDeposits;
import com.ceki.depositscanner.ScanCursors;
import com.ceki.email.SesMailer;
import com.ceki.ethereum.JdkHttpService;
import com.ceki.local.chain.LocalChain;
import com.ceki.local.runner.LocalApi;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** The local chain and the deposit scanner as tests drive them. */
public final class Deposits {

    private Deposits() {}

    public static LocalChain chain() {
        return new LocalChain(TestServer.get().stack().endpoints().ethereumRpc());
    }

    public static String usdt() {
        return TestServer.get().environment().get("USDT_CONTRACT");
    }

    public static String usdc() {
        return TestServer.get().environment().get("USDC_CONTRACT");
    }

    /** One run of the deployed scanner function, exactly as its schedule would start it. */
    public static String scan() {
        return (String) TestServer.get().api().invoke("DepositScannerFunction", LocalApi.scheduledEvent());
    }

    /** The production credits, built as the function builds them, for tests that wrap them. */
    public static DepositCredits credits() {
        Config config = Config.fromEnvironment();
        var table = TestServer.table();
        return new DepositCredits(table, new Ledger(table, new IdGenerator(Clocks.adjustable()), Clocks.adjustable()),
                new WalletRepository(table), new MinDeposits(config),
                new StoredUsdRates(table, Clocks.adjustable(), Duration.ofMinutes(15)),
                new DepositEmails(SesMailer.fromConfig(config, new AwsSettings(config)), new WalletRepository(table)),
                Webhooks.outbox(), new IdGenerator(Clocks.adjustable()), Clocks.adjustable(), new BigDecimal("20.00"));
    }

    /** A scanner of the production parts with the given credits, Ethereum and/or Bitcoin source. */
    public static DepositScanner scanner(DepositCredits credits, boolean ethereum, String esploraUrl) {
        var table = TestServer.table();
        EthereumSource eth = ethereum ? new EthereumSource(JdkHttpService.web3j(TestServer.get().stack().endpoints().ethereumRpc()),
                Map.of(usdt(), Currency.USDT, usdc(), Currency.USDC)) : null;
        return new DepositScanner(eth, esploraUrl == null ? null : new EsploraSource(esploraUrl), new DepositAddressBook(table),
                credits, new ScanCursors(table), new HeldDeposits(table, Clocks.adjustable()),
                new DepositScanner.Settings(12, 3, 0, 500, 50, 0, 12));
    }

    /**
     * Points the Bitcoin cursor at {@code height}: each test's Esplora stand-in is a chain of its own, while the
     * cursor lives in the one table.
     */
    public static void scanBitcoinFrom(long height) {
        new ScanCursors(TestServer.table()).save(Chain.BITCOIN, new ScanCursors.Cursor(height, -1, null));
    }

    public static ScanCursors.Cursor bitcoinCursor() {
        return new ScanCursors(TestServer.table()).get(Chain.BITCOIN).orElseThrow();
    }

}
