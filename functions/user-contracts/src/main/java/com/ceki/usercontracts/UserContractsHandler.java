package com.ceki.usercontracts;

import com.ceki.http.HttpFunction;

/** Lambda entry point: contracts, hands, bills, contract events, clocks, time and money. */
public final class UserContractsHandler extends HttpFunction {

    public UserContractsHandler() {
        super(DaggerUserContractsComponent.create().routes().router());
    }
}
