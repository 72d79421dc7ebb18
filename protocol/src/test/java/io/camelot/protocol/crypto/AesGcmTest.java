package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.camelot.protocol.internal.crypto.LegacyFixedIvGcm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.api.TriConsumer;

class AesGcmTest {
    private static final String AUTHENTICATION_FAILED = "AES_GCM authentication failed, plaintext is not trustworthy";
    private static final HexFormat HEX = HexFormat.of();
    // Avalon reference vectors (section 6.11): sessionKey 000102..1F, sessionKeyIv 000102..0B.
    private static final byte[] VECTOR_KEY =
            HEX.parseHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    private static final byte[] VECTOR_IV = HEX.parseHex("000102030405060708090A0B");

    static Stream<Arguments> avalonVectors() {
        return Stream.of(
                Arguments.of(
                        "Hello".getBytes(StandardCharsets.UTF_8),
                        Base64.getDecoder().decode("D2e6d6o26UuDZhDvSNiG11zk1557")),
                Arguments.of(
                        "RESULT: Hello".getBytes(StandardCharsets.UTF_8),
                        Base64.getDecoder().decode("FUeFTomx+DvFJPvn3pXMzGQhVZld/Usfmiy6SEk=")),
                Arguments.of(
                        HEX.parseHex("EC5A4DEB7F6E78D6644E33A19BA8DF6E9CF5173F87500FAE03A5CA84A2BCB99B"),
                        HEX.parseHex(
                                "AB589BF0BA8BBACDE90FA42A2A41A7031F23900B772B50D23BC22F01BFD5B9297A53EF94062CB7A371D4BC0969E7FA24")));
    }

    @ParameterizedTest
    @MethodSource("avalonVectors")
    void matchesAvalonVectors(byte[] plaintext, byte[] ciphertextAndTag) {
        LegacyFixedIvGcm legacy = LegacyFixedIvGcm.of(VECTOR_KEY);

        assertThat(legacy.encryptWithCallerIv(VECTOR_IV, plaintext)).isEqualTo(ciphertextAndTag);
        assertThat(legacy.decrypt(VECTOR_IV, ciphertextAndTag)).isEqualTo(plaintext);
        assertThat(AesGcm.of(VECTOR_KEY).openDetached(VECTOR_IV, ciphertextAndTag, null))
                .as("with no associated data, the everyday Aead opens what the legacy form sealed")
                .isEqualTo(plaintext);
    }

    @Test
    void roundTripsUnderCallerSuppliedIv() {
        qt().forAll(ByteGens.bytes(32), ByteGens.bytes(12), ByteGens.bytes(0, 4096))
                .checkAssert((key, iv, plaintext) -> {
                    LegacyFixedIvGcm legacy = LegacyFixedIvGcm.of(key);
                    byte[] ciphertextAndTag = legacy.encryptWithCallerIv(iv, plaintext);

                    assertThat(ciphertextAndTag).hasSize(plaintext.length + Aead.TAG_BYTES);
                    assertThat(legacy.decrypt(iv, ciphertextAndTag)).isEqualTo(plaintext);
                });
    }

    /** Checks {@code property} of a random key's AES-GCM, plaintexts up to 4 KiB and AAD up to 64 bytes. */
    private static void forAllKeysPlaintextsAndAad(TriConsumer<Aead, byte[], byte[]> property) {
        qt().forAll(ByteGens.bytes(32), ByteGens.bytes(0, 4096), ByteGens.bytes(0, 64))
                .checkAssert((key, plaintext, aad) -> property.accept(AesGcm.of(key), plaintext, aad));
    }

    @Test
    void roundTripsWithIvPrefix() {
        forAllKeysPlaintextsAndAad((aead, plaintext, aad) -> {
            byte[] sealed = aead.seal(plaintext, aad);
            byte[] iv = Arrays.copyOf(sealed, Aead.IV_BYTES);

            assertThat(sealed).hasSize(Aead.IV_BYTES + plaintext.length + Aead.TAG_BYTES);
            assertThat(aead.openDetached(iv, Arrays.copyOfRange(sealed, Aead.IV_BYTES, sealed.length), aad))
                    .as("the prefix is the IV the rest was encrypted under")
                    .isEqualTo(plaintext);
            assertThat(aead.open(sealed, aad)).isEqualTo(plaintext);
        });
    }

    @Test
    void roundTripsDetached() {
        forAllKeysPlaintextsAndAad((aead, plaintext, aad) -> {
            Aead.Detached sealed = aead.sealDetached(plaintext, aad);

            assertThat(sealed.iv()).hasSize(Aead.IV_BYTES);
            assertThat(sealed.ciphertextAndTag()).hasSize(plaintext.length + Aead.TAG_BYTES);
            assertThat(aead.openDetached(sealed.iv(), sealed.ciphertextAndTag(), aad))
                    .isEqualTo(plaintext);
        });
    }

    @Test
    void otherAssociatedDataFailsAuthentication() {
        Aead aead = AesGcm.of(AesGcm.newKey());
        byte[] plaintext = "bound to its place".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "in/0/work-order-1".getBytes(StandardCharsets.UTF_8);

        Aead.Detached detached = aead.sealDetached(plaintext, aad);
        byte[] prefixed = aead.seal(plaintext, aad);

        for (byte[] other : new byte[][] {null, new byte[0], "in/1/work-order-1".getBytes(StandardCharsets.UTF_8)}) {
            assertThatThrownBy(() -> aead.openDetached(detached.iv(), detached.ciphertextAndTag(), other))
                    .isInstanceOf(CryptoException.class)
                    .hasMessage(AUTHENTICATION_FAILED);
            assertThatThrownBy(() -> aead.open(prefixed, other))
                    .isInstanceOf(CryptoException.class)
                    .hasMessage(AUTHENTICATION_FAILED);
        }
    }

    @Test
    void ivPrefixedEncryptionDrawsAFreshIvEachTime() {
        Aead aead = AesGcm.of(AesGcm.newKey());
        byte[] plaintext = "same message".getBytes(StandardCharsets.UTF_8);

        byte[] first = aead.seal(plaintext, null);
        byte[] second = aead.seal(plaintext, null);

        assertThat(Arrays.copyOf(first, Aead.IV_BYTES)).isNotEqualTo(Arrays.copyOf(second, Aead.IV_BYTES));
        assertThat(aead.sealDetached(plaintext, null).iv())
                .isNotEqualTo(aead.sealDetached(plaintext, null).iv());
    }

    @Test
    void reusingAnIvUnderOneKeyIsDeterministicAsAvalonRequires() {
        LegacyFixedIvGcm legacy = LegacyFixedIvGcm.of(VECTOR_KEY);
        byte[] plaintext = "Hello".getBytes(StandardCharsets.UTF_8);

        assertThat(legacy.encryptWithCallerIv(VECTOR_IV, plaintext))
                .isEqualTo(legacy.encryptWithCallerIv(VECTOR_IV, plaintext));
    }

    @Test
    void emptyPlaintextEncryptsToJustTheTag() {
        LegacyFixedIvGcm legacy = LegacyFixedIvGcm.of(VECTOR_KEY);

        byte[] tag = legacy.encryptWithCallerIv(VECTOR_IV, new byte[0]);

        assertThat(tag).hasSize(Aead.TAG_BYTES);
        assertThat(legacy.decrypt(VECTOR_IV, tag)).isEmpty();
        assertThat(AesGcm.of(VECTOR_KEY).sealDetached(new byte[0], null).ciphertextAndTag())
                .hasSize(Aead.TAG_BYTES);
    }

    @Test
    void anySingleTamperedByteOfCiphertextOrTagFailsAuthentication() {
        qt().forAll(
                        ByteGens.bytes(32),
                        ByteGens.bytes(0, 256),
                        integers().allPositive(),
                        integers().between(1, 255))
                .checkAssert((key, plaintext, position, flipMask) -> {
                    Aead aead = AesGcm.of(key);
                    Aead.Detached sealed = aead.sealDetached(plaintext, null);
                    byte[] tampered = sealed.ciphertextAndTag();
                    tampered[position % tampered.length] ^= flipMask.byteValue();

                    assertThatThrownBy(() -> aead.openDetached(sealed.iv(), tampered, null))
                            .isInstanceOf(CryptoException.class)
                            .hasMessage(AUTHENTICATION_FAILED);
                });
    }

    @Test
    void anySingleTamperedByteOfIvPrefixedFormFailsAuthentication() {
        qt().forAll(
                        ByteGens.bytes(32),
                        ByteGens.bytes(0, 256),
                        integers().allPositive(),
                        integers().between(1, 255))
                .checkAssert((key, plaintext, position, flipMask) -> {
                    Aead aead = AesGcm.of(key);
                    byte[] tampered = aead.seal(plaintext, null);
                    tampered[position % tampered.length] ^= flipMask.byteValue();

                    assertThatThrownBy(() -> aead.open(tampered, null))
                            .isInstanceOf(CryptoException.class)
                            .hasMessage(AUTHENTICATION_FAILED);
                });
    }

    @Test
    void wrongKeyOrWrongIvFailsAuthentication() {
        qt().forAll(ByteGens.bytes(32), ByteGens.bytes(32), ByteGens.bytes(12), ByteGens.bytes(0, 256))
                .assuming((key, otherKey, otherIv, plaintext) ->
                        !Arrays.equals(key, otherKey) && !Arrays.equals(otherIv, VECTOR_IV))
                .checkAssert((key, otherKey, otherIv, plaintext) -> {
                    byte[] ciphertextAndTag = LegacyFixedIvGcm.of(key).encryptWithCallerIv(VECTOR_IV, plaintext);

                    assertThatThrownBy(() -> AesGcm.of(otherKey).openDetached(VECTOR_IV, ciphertextAndTag, null))
                            .isInstanceOf(CryptoException.class)
                            .hasMessage(AUTHENTICATION_FAILED);
                    assertThatThrownBy(() -> AesGcm.of(key).openDetached(otherIv, ciphertextAndTag, null))
                            .isInstanceOf(CryptoException.class)
                            .hasMessage(AUTHENTICATION_FAILED);
                });
    }

    @Test
    void ciphertextShorterThanTheTagFailsAuthentication() {
        Aead aead = AesGcm.of(VECTOR_KEY);

        assertThatThrownBy(() -> aead.openDetached(VECTOR_IV, new byte[Aead.TAG_BYTES - 1], null))
                .isInstanceOf(CryptoException.class)
                .hasMessage(AUTHENTICATION_FAILED);
        assertThatThrownBy(() -> aead.open(new byte[Aead.IV_BYTES + Aead.TAG_BYTES - 1], null))
                .isInstanceOf(CryptoException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33})
    void rejectsKeysOtherThan32Bytes(int keyLength) {
        assertThatThrownBy(() -> AesGcm.of(new byte[keyLength]))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> LegacyFixedIvGcm.of(new byte[keyLength]))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("32 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 11, 13, 16})
    void rejectsIvsOtherThan12Bytes(int ivLength) {
        LegacyFixedIvGcm legacy = LegacyFixedIvGcm.of(VECTOR_KEY);
        byte[] iv = new byte[ivLength];

        assertThatThrownBy(() -> legacy.encryptWithCallerIv(iv, new byte[1]))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("IV must be 12 bytes");
        assertThatThrownBy(() -> legacy.decrypt(iv, new byte[Aead.TAG_BYTES + 1]))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("IV must be 12 bytes");
        assertThatThrownBy(() -> AesGcm.of(VECTOR_KEY).openDetached(iv, new byte[Aead.TAG_BYTES + 1], null))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("IV must be 12 bytes");
    }

    @Test
    void keepsItsOwnCopyOfTheKey() {
        byte[] key = VECTOR_KEY.clone();
        Aead aead = AesGcm.of(key);
        LegacyFixedIvGcm legacy = LegacyFixedIvGcm.of(key);
        Arrays.fill(key, (byte) 0);

        byte[] hello = Base64.getDecoder().decode("D2e6d6o26UuDZhDvSNiG11zk1557");
        assertThat(legacy.encryptWithCallerIv(VECTOR_IV, "Hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hello);
        assertThat(aead.openDetached(VECTOR_IV, hello, null))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("Hello");
    }

    @Test
    void generatesRandomKeysAndIvsOfTheRightSize() {
        assertThat(AesGcm.newKey()).hasSize(32).isNotEqualTo(AesGcm.newKey());
        assertThat(LegacyFixedIvGcm.newSessionIv()).hasSize(12).isNotEqualTo(LegacyFixedIvGcm.newSessionIv());
    }
}
