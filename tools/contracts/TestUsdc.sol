// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC3009} from "@openzeppelin/contracts/token/ERC20/extensions/draft-ERC3009.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// The local chain's USDC: an ERC-20 of 6 decimals with EIP-3009 transfers by signed authorization
/// (transferWithAuthorization, receiveWithAuthorization, cancelAuthorization, authorizationState, the
/// AuthorizationUsed event: OpenZeppelin's ERC3009). Its EIP-712 domain is mainnet USDC's, name "USD Coin" and
/// version "2", because x402 clients sign for the domain the payment requirements name (their `extra`).
/// The deployer may mint, as with TestToken; an authorized transfer emits the ERC-20 Transfer log like any other,
/// which is what the deposit scanner reads. It refuses with USDC's (FiatTokenV2's) revert reasons, which the x402
/// facilitator maps to its error reasons (a replayed authorization reads "nonce already used", not "failed").
contract TestUsdc is ERC3009 {
    address public immutable minter;

    constructor() ERC20("USD Coin", "USDC") EIP712("USD Coin", "2") {
        minter = msg.sender;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 value) external {
        require(msg.sender == minter, "only the minter");
        _mint(to, value);
    }

    /// FiatTokenV2's accessor of the domain's version; the facilitator reads it when it explains a refusal.
    function version() external pure returns (string memory) {
        return "2";
    }

    /// The EIP-712 domain separator, under the name USDC (FiatTokenV2) exposes it.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _checkValidity(uint256 validAfter, uint256 validBefore) internal view override {
        require(block.timestamp > validAfter, "FiatTokenV2: authorization is not yet valid");
        require(block.timestamp < validBefore, "FiatTokenV2: authorization is expired");
    }

    function _consumeNonce(address authorizer, bytes32 nonce) internal override {
        require(!authorizationState(authorizer, nonce), "FiatTokenV2: authorization is used or canceled");
        super._consumeNonce(authorizer, nonce);
    }

    function _update(address from, address to, uint256 value) internal override {
        require(from == address(0) || balanceOf(from) >= value, "ERC20: transfer amount exceeds balance");
        super._update(from, to, value);
    }
}
