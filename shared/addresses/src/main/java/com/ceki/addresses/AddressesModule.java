package com.ceki.addresses;

import com.ceki.core.config.Config;
import com.ceki.core.money.DepositAddresses;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/**
 * The deposit addresses every function that opens wallets derives from: {@code BTC_ACCOUNT_XPUB} on
 * {@code BTC_NETWORK} and {@code ETH_ACCOUNT_XPUB}. Construction validates the keys and pays the secp256k1 set-up,
 * so a function that only sometimes opens a wallet takes it as {@code Lazy}.
 */
@Module
public final class AddressesModule {

    private AddressesModule() {}

    @Provides
    @Singleton
    static DepositAddresses depositAddresses(Config config) {
        return new HdDepositAddresses(config.required("BTC_ACCOUNT_XPUB"),
                BitcoinNetwork.parse(config.string("BTC_NETWORK", "mainnet")), config.required("ETH_ACCOUNT_XPUB"));
    }
}
