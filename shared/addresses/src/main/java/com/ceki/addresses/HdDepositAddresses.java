package com.ceki.addresses;

import com.ceki.core.money.Chain;
import com.ceki.core.money.DepositAddresses;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bitcoinj.base.Base58;
import org.bitcoinj.base.Bech32;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.HDKeyDerivation;
import org.bitcoinj.crypto.HDPath;
import org.bitcoinj.crypto.LazyECPoint;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * Deposit addresses derived from BIP-32 account-level extended public keys: Bitcoin native SegWit (P2WPKH, bech32)
 * from a BIP-84 account ({@code m/84'/0'/0'}) and Ethereum EIP-55 addresses from a BIP-44 account
 * ({@code m/44'/60'/0'}). Address {@code i} is child {@code 0/i} (the external chain) of the account, as wallets
 * derive it, so the key holder's wallet sees the deposits.
 *
 * <p>Only bitcoinj's key and encoding classes are used, never its {@code NetworkParameters} (which would pull in
 * genesis blocks and checkpoints at cold start). Construction parses, validates and derives both {@code <account>/0}
 * keys, so bad configuration fails at startup; it also pays the one-off secp256k1 set-up (BouncyCastle curve tables).
 * Immutable and thread-safe.
 */
public final class HdDepositAddresses implements DepositAddresses {

    // BIP-32 / SLIP-132 version bytes. The version only says how a wallet labels the key; the key itself is the same,
    // so accepted public versions are all parsed alike.
    private static final int XPUB = 0x0488B21E, ZPUB = 0x04B24746, TPUB = 0x043587CF, VPUB = 0x045F1CF6;
    private static final int[] BITCOIN_VERSIONS = {XPUB, ZPUB, TPUB, VPUB};
    private static final int[] ETHEREUM_VERSIONS = {XPUB};
    private static final int[] PRIVATE_VERSIONS = {
        0x0488ADE4, 0x049D7878, 0x04B2430C, 0x04358394, 0x044A4E28, 0x045F18BC, // xprv yprv zprv tprv uprv vprv
        0x0295B005, 0x02AA7A99, 0x024285B5, 0x02575048 // Yprv Zprv Uprv Vprv
    };
    private static final int SERIALIZED_LENGTH = 78;
    private static final int ACCOUNT_DEPTH = 3;
    private static final long MAX_INDEX = 0x7FFF_FFFFL;

    private final String hrp;
    // The <account>/0 keys. Their lazily decoded EC point is forced in the constructor, so after publication through
    // these final fields the keys are only ever read, which makes concurrent derivation safe.
    private final DeterministicKey bitcoinExternal;
    private final DeterministicKey ethereumExternal;

    /**
     * @param bitcoinAccountXpub  BIP-84 account key (xpub, zpub, tpub or vpub serialisation)
     * @param network             selects the bech32 prefix of the Bitcoin addresses
     * @param ethereumAccountXpub BIP-44 coin-60 account key (xpub serialisation)
     * @throws IllegalArgumentException if a key is malformed, private, or not an account-level key
     */
    public HdDepositAddresses(String bitcoinAccountXpub, BitcoinNetwork network, String ethereumAccountXpub) {
        this.hrp = Objects.requireNonNull(network, "network").hrp();
        this.bitcoinExternal = externalChain(parseAccountKey("bitcoin account key", "m/84'/0'/0'",
                bitcoinAccountXpub, BITCOIN_VERSIONS, "xpub, zpub, tpub or vpub"));
        this.ethereumExternal = externalChain(parseAccountKey("ethereum account key", "m/44'/60'/0'",
                ethereumAccountXpub, ETHEREUM_VERSIONS, "xpub"));
    }

    @Override
    public String address(Chain chain, long index) {
        Objects.requireNonNull(chain, "chain");
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("address index must be 0.." + MAX_INDEX + ", got " + index);
        }
        ChildNumber child = new ChildNumber((int) index, false);
        return switch (chain) {
            case BITCOIN -> p2wpkh(childPublicKey(bitcoinExternal, child));
            case ETHEREUM -> ethereum(childPublicKey(ethereumExternal, child));
        };
    }

    /**
     * EIP-55 mixed-case checksum encoding of a 20-byte Ethereum address: hex digit {@code i} is upper case when
     * nibble {@code i} of keccak-256(lower-case hex) is 8 or more.
     */
    public static String toChecksumAddress(byte[] address20) {
        if (address20 == null || address20.length != 20) {
            throw new IllegalArgumentException("an Ethereum address is 20 bytes");
        }
        String hex = HexFormat.of().formatHex(address20);
        byte[] hash = keccak256(hex.getBytes(StandardCharsets.US_ASCII), 0, hex.length());
        StringBuilder sb = new StringBuilder(42).append("0x");
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int nibble = (hash[i >> 1] >> ((i & 1) == 0 ? 4 : 0)) & 0xF;
            sb.append(c >= 'a' && nibble >= 8 ? (char) (c - ('a' - 'A')) : c);
        }
        return sb.toString();
    }

    private String p2wpkh(byte[] compressedPublicKey) {
        return Bech32.encode(Bech32.Encoding.BECH32, hrp, new SegwitV0Words(hash160(compressedPublicKey)));
    }

    private static String ethereum(byte[] compressedPublicKey) {
        byte[] uncompressed = new LazyECPoint(compressedPublicKey).getEncoded(false); // 0x04 || X || Y
        byte[] hash = keccak256(uncompressed, 1, 64);
        return toChecksumAddress(Arrays.copyOfRange(hash, 12, 32));
    }

    /** One non-hardened CKDpub step; only the compressed child public key is needed, not a full child object. */
    private static byte[] childPublicKey(DeterministicKey parent, ChildNumber child) {
        return HDKeyDerivation.deriveChildKeyBytesFromPublic(parent, child, HDKeyDerivation.PublicDeriveMode.NORMAL)
                .keyBytes;
    }

    private static DeterministicKey externalChain(DeterministicKey account) {
        DeterministicKey external = HDKeyDerivation.deriveChildKey(account, ChildNumber.ZERO);
        external.getPubKeyPoint(); // decode now, see the field comment
        return external;
    }

    /**
     * Parses a serialised extended public key without bitcoinj's network-aware deserialiser: the version bytes are
     * checked against {@code accepted} here and the remaining 74 bytes are network independent.
     */
    private static DeterministicKey parseAccountKey(String what, String accountPath, String encoded, int[] accepted,
            String names) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException(what + " is missing: expected an extended public key (" + names + ")");
        }
        String s = encoded.strip();
        byte[] raw;
        try {
            raw = Base58.decodeChecked(s);
        } catch (IllegalArgumentException e) { // AddressFormatException: bad character, too short or bad checksum
            throw new IllegalArgumentException(what + " " + redact(s) + " is not valid base58check (typo or truncated?)");
        }
        if (raw.length != SERIALIZED_LENGTH) {
            throw new IllegalArgumentException(what + " " + redact(s) + " is " + raw.length
                    + " bytes, an extended key is " + SERIALIZED_LENGTH);
        }
        int version = readInt(raw, 0);
        if (contains(PRIVATE_VERSIONS, version) || raw[45] == 0) { // private key data is 0x00 || k
            throw new IllegalArgumentException(what + " " + redact(s) + " is an extended PRIVATE key; configure the"
                    + " account's extended public key instead (the server must never hold private keys)");
        }
        if (!contains(accepted, version)) {
            throw new IllegalArgumentException(what + " " + redact(s) + " has an unsupported version: expected " + names);
        }
        int depth = raw[4] & 0xFF;
        int parentFingerprint = readInt(raw, 5);
        ChildNumber childNumber = new ChildNumber(readInt(raw, 9));
        // A key of another depth would silently derive addresses the owner's wallet never scans.
        if (depth != ACCOUNT_DEPTH || !childNumber.isHardened()) {
            throw new IllegalArgumentException(what + " " + redact(s) + " is not an account-level key (depth "
                    + depth + ", child " + childNumber + "): export the key of " + accountPath);
        }
        byte[] chainCode = Arrays.copyOfRange(raw, 13, 45);
        LazyECPoint point = null;
        if (raw[45] == 2 || raw[45] == 3) { // compressed encoding, as BIP-32 serialises public keys
            try {
                point = new LazyECPoint(Arrays.copyOfRange(raw, 45, SERIALIZED_LENGTH));
                point.get(); // LazyECPoint defers decoding: check the point is on secp256k1 now
            } catch (IllegalArgumentException e) {
                point = null;
            }
        }
        if (point == null) {
            throw new IllegalArgumentException(what + " " + redact(s) + " does not hold a valid secp256k1 public key");
        }
        return new DeterministicKey(HDPath.M(childNumber), chainCode, point, null, depth, parentFingerprint);
    }

    /** Enough to recognise which key was meant (its version prefix) without echoing it into logs. */
    private static String redact(String s) {
        return "'" + s.substring(0, Math.min(4, s.length())) + "…' (" + s.length() + " chars)";
    }

    private static byte[] hash160(byte[] data) {
        byte[] sha = Sha256Hash.hash(data);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] out = new byte[20];
        ripemd.doFinal(out, 0);
        return out;
    }

    private static byte[] keccak256(byte[] data, int offset, int length) {
        KeccakDigest keccak = new KeccakDigest(256); // original Keccak padding, as Ethereum uses, not SHA3-256
        keccak.update(data, offset, length);
        byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return out;
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * A SegWit v0 payload in bech32's 5-bit words: the witness version, then the program regrouped 8-to-5 bits.
     * bitcoinj's own factory for this is package-private; subclassing its public word container avoids going
     * through {@code SegwitAddress} and its network classes.
     */
    private static final class SegwitV0Words extends Bech32.Bech32Bytes {
        SegwitV0Words(byte[] program) {
            super(toWords(program));
        }

        private static byte[] toWords(byte[] program) {
            byte[] words = new byte[1 + (program.length * 8 + 4) / 5];
            words[0] = 0; // witness version 0
            int acc = 0, bits = 0, out = 1;
            for (byte b : program) {
                acc = (acc << 8) | (b & 0xFF);
                bits += 8;
                while (bits >= 5) {
                    bits -= 5;
                    words[out++] = (byte) ((acc >>> bits) & 31);
                }
            }
            if (bits > 0) {
                words[out] = (byte) ((acc << (5 - bits)) & 31);
            }
            return words;
        }
    }
}
