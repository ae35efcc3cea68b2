// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// The part of Multicall3 (github.com/mds1/multicall, deployed at 0xcA11bde05977b3631167028862bE2a173976CA11 on
/// nearly every public chain) that the x402 facilitator calls: it batches its reads through tryAggregate when it
/// explains why a payment fails (nonce used, balance short). anvil has none; the local stack installs this code
/// at that address (anvil_setCode), so that local refusals read as they would on a public chain.
contract Multicall3 {
    struct Call {
        address target;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function tryAggregate(bool requireSuccess, Call[] calldata calls) public payable returns (Result[] memory returnData) {
        returnData = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool success, bytes memory ret) = calls[i].target.call(calls[i].callData);
            require(!requireSuccess || success, "Multicall3: call failed");
            returnData[i] = Result(success, ret);
        }
    }
}
