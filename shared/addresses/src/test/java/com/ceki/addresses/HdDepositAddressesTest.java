package com.ceki.addresses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.core.money.Chain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bitcoinj.base.Base58;
import org.bitcoinj.base.Bech32;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ChildNumber;
import org.bitcoinj.crypto.DeterministicKey;
import org.bitcoinj.crypto.HDKeyDerivation;
import org.bitcoinj.wallet.DeterministicSeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.MnemonicUtils;

// bitcoinj marks its SLIP-132 (zpub/vpub) serialisers deprecated; here they only produce reference keys.
@SuppressWarnings("deprecation")
class HdDepositAddressesTest {

    /** The BIP-84 / BIP-39 test mnemonic, no passphrase. Never holds funds: a public test vector. */
    static final String MNEMONIC =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    /** BIP-84 test vector: account 0 extended public key, m/84'/0'/0'. */
    static final String BIP84_ZPUB = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868"
            + "RvUUkgDKf31mGDtKsAYz2oz2AGutZYs";

    /** m/44'/60'/0' of {@link #MNEMONIC}: the project's published local default ETH account xpub. */
    static final String ETH_ACCOUNT_XPUB = "xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdh"
            + "aWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt";

    static final String ETH_ADDRESS_0 = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94";

    static final int H = 0x8000_0000;

    static DeterministicKey master;
    static HdDepositAddresses mainnet;

    @BeforeAll
    static void setUp() {
        master = HDKeyDerivation.createMasterPrivateKey(DeterministicSeed.ofMnemonic(MNEMONIC, "").getSeedBytes());
        mainnet = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB);
    }

    static DeterministicKey derive(DeterministicKey key, int... path) {
        for (int i : path) {
            key = HDKeyDerivation.deriveChildKey(key, new ChildNumber(i));
        }
        return key;
    }

    static DeterministicKey btcAccount() {
        return derive(master, 84 | H, H, H);
    }

    static DeterministicKey ethAccount() {
        return derive(master, 44 | H, 60 | H, H);
    }

    // --- Bitcoin ---

    @Test
    void bip84VectorFromZpub() {
        assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", mainnet.address(Chain.BITCOIN, 0));
        assertEquals("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g", mainnet.address(Chain.BITCOIN, 1));
    }

    @Test
    void zpubIsTheMnemonicsBip84AccountKey() {
        DeterministicKey account = btcAccount();
        assertEquals(BIP84_ZPUB, account.serializePubB58(org.bitcoinj.base.BitcoinNetwork.MAINNET, ScriptType.P2WPKH));
    }

    @Test
    void bitcoinMatchesPrivateDerivationForFirst20() {
        DeterministicKey account = btcAccount();
        HdDepositAddresses regtest = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.REGTEST, ETH_ACCOUNT_XPUB);
        for (int i = 0; i < 20; i++) {
            DeterministicKey key = derive(account, 0, i); // private CKD, then bitcoinj's own SegwitAddress
            assertEquals(key.toAddress(ScriptType.P2WPKH, org.bitcoinj.base.BitcoinNetwork.MAINNET).toString(),
                    mainnet.address(Chain.BITCOIN, i), "index " + i);
            assertEquals(key.toAddress(ScriptType.P2WPKH, org.bitcoinj.base.BitcoinNetwork.REGTEST).toString(),
                    regtest.address(Chain.BITCOIN, i), "regtest index " + i);
        }
    }

    @Test
    void networkSelectsHrpOnly() {
        String main = mainnet.address(Chain.BITCOIN, 0);
        String reg = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.REGTEST, ETH_ACCOUNT_XPUB)
                .address(Chain.BITCOIN, 0);
        String test = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.TESTNET, ETH_ACCOUNT_XPUB)
                .address(Chain.BITCOIN, 0);
        String signet = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.SIGNET, ETH_ACCOUNT_XPUB)
                .address(Chain.BITCOIN, 0);
        assertTrue(reg.startsWith("bcrt1q"), reg);
        assertTrue(test.startsWith("tb1q"), test);
        assertEquals(test, signet);
        Bech32.Bech32Data m = Bech32.decode(main), r = Bech32.decode(reg), t = Bech32.decode(test);
        assertEquals("bcrt", r.hrp);
        assertEquals(Bech32.Encoding.BECH32, r.encoding);
        assertArrayEquals(m.bytes(), r.bytes());
        assertArrayEquals(m.bytes(), t.bytes());
    }

    @Test
    void acceptsXpubTpubVpubSerialisationsOfTheSameKey() {
        DeterministicKey account = btcAccount();
        List<String> serialisations = List.of(
                account.serializePubB58(org.bitcoinj.base.BitcoinNetwork.MAINNET), // xpub
                account.serializePubB58(org.bitcoinj.base.BitcoinNetwork.TESTNET), // tpub
                account.serializePubB58(org.bitcoinj.base.BitcoinNetwork.TESTNET, ScriptType.P2WPKH)); // vpub
        assertEquals(List.of("xpub", "tpub", "vpub"), serialisations.stream().map(s -> s.substring(0, 4)).toList());
        for (String s : serialisations) {
            HdDepositAddresses d = new HdDepositAddresses(s, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB);
            assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu", d.address(Chain.BITCOIN, 0), s);
            assertEquals("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g", d.address(Chain.BITCOIN, 1), s);
        }
        // Surrounding whitespace (e.g. a trailing newline from a secrets file) is tolerated.
        assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
                new HdDepositAddresses(" " + BIP84_ZPUB + "\n", BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB)
                        .address(Chain.BITCOIN, 0));
    }

    // --- Ethereum ---

    @Test
    void ethereumVectorFromMnemonicDerivedXpub() {
        String xpub = ethAccount().serializePubB58(org.bitcoinj.base.BitcoinNetwork.MAINNET);
        System.out.println("m/44'/60'/0' account xpub of the test mnemonic (local default): " + xpub);
        assertEquals(ETH_ACCOUNT_XPUB, xpub);
        HdDepositAddresses d = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, xpub);
        assertEquals(ETH_ADDRESS_0, d.address(Chain.ETHEREUM, 0));
    }

    @Test
    void ethereumMatchesWeb3jForFirst20() {
        Bip32ECKeyPair web3Master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
        Bip32ECKeyPair web3Account = Bip32ECKeyPair.deriveKeyPair(web3Master, new int[] {44 | H, 60 | H, H});
        for (int i = 0; i < 20; i++) {
            Bip32ECKeyPair leaf = Bip32ECKeyPair.deriveKeyPair(web3Account, new int[] {0, i});
            String expected = Keys.toChecksumAddress(Keys.getAddress(leaf));
            assertEquals(expected, mainnet.address(Chain.ETHEREUM, i), "index " + i);
        }
        assertEquals(ETH_ADDRESS_0, mainnet.address(Chain.ETHEREUM, 0));
    }

    @Test
    void checksumAddressMatchesEip55VectorsAndWeb3j() {
        // The EIP-55 specification's examples.
        for (String a : List.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", "0x52908400098527886E0F7030069857D2E4169EE7",
                "0xde709f2102306220921060314715629080e2fb77")) {
            assertEquals(a, HdDepositAddresses.toChecksumAddress(HexFormat.of().parseHex(a.substring(2).toLowerCase())));
        }
        byte[] b = new byte[20];
        for (int i = 0; i < 50; i++) {
            Arrays.fill(b, (byte) (i * 37));
            b[i % 20] = (byte) i;
            String hex = HexFormat.of().formatHex(b);
            assertEquals(Keys.toChecksumAddress(hex), HdDepositAddresses.toChecksumAddress(b));
        }
        assertThrows(IllegalArgumentException.class, () -> HdDepositAddresses.toChecksumAddress(new byte[19]));
    }

    // --- rejection ---

    @Test
    void rejectsPrivateKeysWithoutEchoingThem() {
        DeterministicKey btc = btcAccount();
        DeterministicKey eth = ethAccount();
        String xprv = btc.serializePrivB58(org.bitcoinj.base.BitcoinNetwork.MAINNET);
        String zprv = btc.serializePrivB58(org.bitcoinj.base.BitcoinNetwork.MAINNET, ScriptType.P2WPKH);
        String tprv = btc.serializePrivB58(org.bitcoinj.base.BitcoinNetwork.TESTNET);
        for (String priv : List.of(xprv, zprv, tprv)) {
            assertRejected(priv, () -> new HdDepositAddresses(priv, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB),
                    "PRIVATE");
        }
        String ethXprv = eth.serializePrivB58(org.bitcoinj.base.BitcoinNetwork.MAINNET);
        assertRejected(ethXprv, () -> new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, ethXprv), "PRIVATE");
        // Private key data under a public version is refused too.
        byte[] raw = Base58.decodeChecked(xprv);
        System.arraycopy(Base58.decodeChecked(BIP84_ZPUB), 0, raw, 0, 4);
        String disguised = base58Check(raw);
        assertRejected(disguised, () -> new HdDepositAddresses(disguised, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB),
                "PRIVATE");
    }

    @Test
    void rejectsCorruptedChecksum() {
        char last = BIP84_ZPUB.charAt(BIP84_ZPUB.length() - 1);
        String corrupted = BIP84_ZPUB.substring(0, BIP84_ZPUB.length() - 1) + (last == 's' ? 't' : 's');
        assertRejected(corrupted, () -> new HdDepositAddresses(corrupted, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB),
                "base58check");
        // One mistyped character in the middle (any single-character change must fail the 4-byte checksum).
        char c = ETH_ACCOUNT_XPUB.charAt(60);
        String typo = ETH_ACCOUNT_XPUB.substring(0, 60) + (c == 'a' ? 'b' : 'a') + ETH_ACCOUNT_XPUB.substring(61);
        assertRejected(typo, () -> new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, typo), "base58check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not-a-key", "xpub0OIl", "1111111111"})
    void rejectsMalformedStrings(String s) {
        assertThrows(IllegalArgumentException.class,
                () -> new HdDepositAddresses(s, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB));
        assertThrows(IllegalArgumentException.class, () -> new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, s));
    }

    @Test
    void rejectsNullKeys() {
        assertThrows(IllegalArgumentException.class,
                () -> new HdDepositAddresses(null, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB));
        assertThrows(IllegalArgumentException.class,
                () -> new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, null));
    }

    @Test
    void rejectsWrongLengthAndVersionAndDepth() {
        byte[] raw = Base58.decodeChecked(BIP84_ZPUB);
        String tooLong = base58Check(Arrays.copyOf(raw, 79));
        assertRejected(tooLong, () -> new HdDepositAddresses(tooLong, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB),
                "bytes");

        // The Ethereum slot takes xpub only.
        assertRejected(BIP84_ZPUB, () -> new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, BIP84_ZPUB),
                "unsupported version");

        // Master and chain-level keys would derive addresses the owner's wallet never looks at.
        String masterXpub = master.serializePubB58(org.bitcoinj.base.BitcoinNetwork.MAINNET);
        assertRejected(masterXpub, () -> new HdDepositAddresses(masterXpub, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB),
                "account-level");
        String chainXpub = derive(ethAccount(), 0).serializePubB58(org.bitcoinj.base.BitcoinNetwork.MAINNET);
        assertRejected(chainXpub, () -> new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, chainXpub),
                "account-level");

        // Key data that is not a compressed secp256k1 point: x >= p, and an uncompressed-point prefix.
        byte[] offCurve = raw.clone();
        Arrays.fill(offCurve, 46, 78, (byte) 0xFF);
        String bad = base58Check(offCurve);
        assertRejected(bad, () -> new HdDepositAddresses(bad, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB), "secp256k1");
        byte[] prefix4 = raw.clone();
        prefix4[45] = 4;
        String bad4 = base58Check(prefix4);
        assertRejected(bad4, () -> new HdDepositAddresses(bad4, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB), "secp256k1");
    }

    /** SLIP-132 versions: the name each serialises to (checked here, so the table is not taken on trust). */
    static final Object[][] SLIP132 = {
        {"xpub", 0x0488B21E, true}, {"zpub", 0x04B24746, true}, {"tpub", 0x043587CF, true}, {"vpub", 0x045F1CF6, true},
        {"ypub", 0x049D7CB2, false}, {"upub", 0x044A5262, false}, {"Ypub", 0x0295B43F, false},
        {"Zpub", 0x02AA7ED3, false}, {"Upub", 0x024289EF, false}, {"Vpub", 0x02575483, false},
        {"xprv", 0x0488ADE4, false}, {"yprv", 0x049D7878, false}, {"zprv", 0x04B2430C, false},
        {"tprv", 0x04358394, false}, {"uprv", 0x044A4E28, false}, {"vprv", 0x045F18BC, false},
        {"Yprv", 0x0295B005, false}, {"Zprv", 0x02AA7A99, false}, {"Uprv", 0x024285B5, false},
        {"Vprv", 0x02575048, false},
    };

    @Test
    void bitcoinAcceptsOnlyXpubZpubTpubVpub() {
        byte[] pub = Base58.decodeChecked(BIP84_ZPUB);
        byte[] priv = Base58.decodeChecked(btcAccount().serializePrivB58(org.bitcoinj.base.BitcoinNetwork.MAINNET));
        for (Object[] v : SLIP132) {
            String name = (String) v[0];
            boolean accepted = (Boolean) v[2];
            byte[] raw = (name.endsWith("prv") ? priv : pub).clone();
            raw[0] = (byte) ((int) v[1] >>> 24);
            raw[1] = (byte) ((int) v[1] >>> 16);
            raw[2] = (byte) ((int) v[1] >>> 8);
            raw[3] = (byte) (int) v[1];
            String key = base58Check(raw);
            assertEquals(name, key.substring(0, 4));
            if (accepted) {
                assertEquals("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
                        new HdDepositAddresses(key, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB).address(Chain.BITCOIN, 0));
            } else {
                // e.g. ypub is a BIP-49 (P2SH-wrapped) account: refused rather than silently re-typed.
                assertRejected(key, () -> new HdDepositAddresses(key, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB),
                        name.endsWith("prv") ? "PRIVATE" : "unsupported version");
            }
        }
    }

    @Test
    void indexRange() {
        for (Chain chain : Chain.values()) {
            assertThrows(IllegalArgumentException.class, () -> mainnet.address(chain, -1));
            assertThrows(IllegalArgumentException.class, () -> mainnet.address(chain, 1L << 31));
            assertThrows(IllegalArgumentException.class, () -> mainnet.address(chain, Long.MAX_VALUE));
            assertThrows(IllegalArgumentException.class, () -> mainnet.address(chain, Long.MIN_VALUE));
        }
        DeterministicKey last = derive(btcAccount(), 0, Integer.MAX_VALUE);
        assertEquals(last.toAddress(ScriptType.P2WPKH, org.bitcoinj.base.BitcoinNetwork.MAINNET).toString(),
                mainnet.address(Chain.BITCOIN, Integer.MAX_VALUE));
        Bip32ECKeyPair web3Leaf = Bip32ECKeyPair.deriveKeyPair(
                Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, "")),
                new int[] {44 | H, 60 | H, H, 0, Integer.MAX_VALUE});
        assertEquals(Keys.toChecksumAddress(Keys.getAddress(web3Leaf)),
                mainnet.address(Chain.ETHEREUM, Integer.MAX_VALUE));
    }

    // --- network parsing ---

    @Test
    void parsesNetworkNames() {
        assertEquals(BitcoinNetwork.MAINNET, BitcoinNetwork.parse("mainnet"));
        assertEquals(BitcoinNetwork.TESTNET, BitcoinNetwork.parse("TestNet"));
        assertEquals(BitcoinNetwork.SIGNET, BitcoinNetwork.parse("SIGNET"));
        assertEquals(BitcoinNetwork.REGTEST, BitcoinNetwork.parse("regtest"));
        assertEquals("bc", BitcoinNetwork.MAINNET.hrp());
        assertEquals("tb", BitcoinNetwork.SIGNET.hrp());
        for (String bad : new String[] {"main", "testnet3", "", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitcoinNetwork.parse(bad));
            assertTrue(e.getMessage().contains("mainnet, testnet, signet, regtest"), e.getMessage());
        }
    }

    // --- concurrency ---

    @Test
    void concurrentDerivationOnAFreshInstanceIsConsistent() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(mainnet.address(Chain.BITCOIN, i) + " " + mainnet.address(Chain.ETHEREUM, i));
        }
        HdDepositAddresses fresh = new HdDepositAddresses(BIP84_ZPUB, BitcoinNetwork.MAINNET, ETH_ACCOUNT_XPUB);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 100; i++) {
                    long index = i;
                    results.add(pool.submit(() -> fresh.address(Chain.BITCOIN, index) + " "
                            + fresh.address(Chain.ETHEREUM, index)));
                }
            }
            for (int k = 0; k < results.size(); k++) {
                assertEquals(expected.get(k % 100), results.get(k).get(), "index " + k % 100);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers ---

    static void assertRejected(String key, org.junit.jupiter.api.function.Executable construct, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains(key.substring(0, 12)), "message echoes the key: " + e.getMessage());
    }

    static String base58Check(byte[] payload) {
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(Sha256Hash.hashTwice(payload), 0, withChecksum, payload.length, 4);
        return Base58.encode(withChecksum);
    }
}
