package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

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

class AesGcmTest {
  private static final String AUTHENTICATION_FAILED =
      "AES_GCM authentication failed, plaintext is not trustworthy";
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
    Aead aead = AesGcm.of(VECTOR_KEY);

    assertThat(aead.encrypt(VECTOR_IV, plaintext)).isEqualTo(ciphertextAndTag);
    assertThat(aead.decrypt(VECTOR_IV, ciphertextAndTag)).isEqualTo(plaintext);
  }

  @Test
  void roundTripsUnderCallerSuppliedIv() {
    qt().forAll(ByteGens.bytes(32), ByteGens.bytes(12), ByteGens.bytes(0, 4096))
        .checkAssert(
            (key, iv, plaintext) -> {
              Aead aead = AesGcm.of(key);
              byte[] ciphertextAndTag = aead.encrypt(iv, plaintext);

              assertThat(ciphertextAndTag).hasSize(plaintext.length + Aead.TAG_BYTES);
              assertThat(aead.decrypt(iv, ciphertextAndTag)).isEqualTo(plaintext);
            });
  }

  @Test
  void roundTripsWithIvPrefix() {
    qt().forAll(ByteGens.bytes(32), ByteGens.bytes(0, 4096))
        .checkAssert(
            (key, plaintext) -> {
              Aead aead = AesGcm.of(key);
              byte[] sealed = aead.encryptIvPrefixed(plaintext);
              byte[] iv = Arrays.copyOf(sealed, Aead.IV_BYTES);

              assertThat(sealed).hasSize(Aead.IV_BYTES + plaintext.length + Aead.TAG_BYTES);
              assertThat(Arrays.copyOfRange(sealed, Aead.IV_BYTES, sealed.length))
                  .as("the prefix is the IV the rest was encrypted under")
                  .isEqualTo(aead.encrypt(iv, plaintext));
              assertThat(aead.decryptIvPrefixed(sealed)).isEqualTo(plaintext);
            });
  }

  @Test
  void ivPrefixedEncryptionDrawsAFreshIvEachTime() {
    Aead aead = AesGcm.of(AesGcm.newKey());
    byte[] plaintext = "same message".getBytes(StandardCharsets.UTF_8);

    byte[] first = aead.encryptIvPrefixed(plaintext);
    byte[] second = aead.encryptIvPrefixed(plaintext);

    assertThat(Arrays.copyOf(first, Aead.IV_BYTES))
        .isNotEqualTo(Arrays.copyOf(second, Aead.IV_BYTES));
  }

  @Test
  void reusingAnIvUnderOneKeyIsDeterministicAsAvalonRequires() {
    Aead aead = AesGcm.of(VECTOR_KEY);
    byte[] plaintext = "Hello".getBytes(StandardCharsets.UTF_8);

    assertThat(aead.encrypt(VECTOR_IV, plaintext)).isEqualTo(aead.encrypt(VECTOR_IV, plaintext));
  }

  @Test
  void emptyPlaintextEncryptsToJustTheTag() {
    Aead aead = AesGcm.of(VECTOR_KEY);

    byte[] tag = aead.encrypt(VECTOR_IV, new byte[0]);

    assertThat(tag).hasSize(Aead.TAG_BYTES);
    assertThat(aead.decrypt(VECTOR_IV, tag)).isEmpty();
  }

  @Test
  void anySingleTamperedByteOfCiphertextOrTagFailsAuthentication() {
    qt().forAll(
            ByteGens.bytes(32),
            ByteGens.bytes(0, 256),
            integers().allPositive(),
            integers().between(1, 255))
        .checkAssert(
            (key, plaintext, position, flipMask) -> {
              Aead aead = AesGcm.of(key);
              byte[] tampered = aead.encrypt(VECTOR_IV, plaintext);
              tampered[position % tampered.length] ^= flipMask.byteValue();

              assertThatThrownBy(() -> aead.decrypt(VECTOR_IV, tampered))
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
        .checkAssert(
            (key, plaintext, position, flipMask) -> {
              Aead aead = AesGcm.of(key);
              byte[] tampered = aead.encryptIvPrefixed(plaintext);
              tampered[position % tampered.length] ^= flipMask.byteValue();

              assertThatThrownBy(() -> aead.decryptIvPrefixed(tampered))
                  .isInstanceOf(CryptoException.class)
                  .hasMessage(AUTHENTICATION_FAILED);
            });
  }

  @Test
  void wrongKeyOrWrongIvFailsAuthentication() {
    qt().forAll(ByteGens.bytes(32), ByteGens.bytes(32), ByteGens.bytes(12), ByteGens.bytes(0, 256))
        .assuming(
            (key, otherKey, otherIv, plaintext) ->
                !Arrays.equals(key, otherKey) && !Arrays.equals(otherIv, VECTOR_IV))
        .checkAssert(
            (key, otherKey, otherIv, plaintext) -> {
              byte[] ciphertextAndTag = AesGcm.of(key).encrypt(VECTOR_IV, plaintext);

              assertThatThrownBy(() -> AesGcm.of(otherKey).decrypt(VECTOR_IV, ciphertextAndTag))
                  .isInstanceOf(CryptoException.class)
                  .hasMessage(AUTHENTICATION_FAILED);
              assertThatThrownBy(() -> AesGcm.of(key).decrypt(otherIv, ciphertextAndTag))
                  .isInstanceOf(CryptoException.class)
                  .hasMessage(AUTHENTICATION_FAILED);
            });
  }

  @Test
  void ciphertextShorterThanTheTagFailsAuthentication() {
    Aead aead = AesGcm.of(VECTOR_KEY);

    assertThatThrownBy(() -> aead.decrypt(VECTOR_IV, new byte[Aead.TAG_BYTES - 1]))
        .isInstanceOf(CryptoException.class)
        .hasMessage(AUTHENTICATION_FAILED);
    assertThatThrownBy(() -> aead.decryptIvPrefixed(new byte[Aead.IV_BYTES + Aead.TAG_BYTES - 1]))
        .isInstanceOf(CryptoException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 24, 31, 33})
  void rejectsKeysOtherThan32Bytes(int keyLength) {
    assertThatThrownBy(() -> AesGcm.of(new byte[keyLength]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("32 bytes");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 8, 11, 13, 16})
  void rejectsIvsOtherThan12Bytes(int ivLength) {
    Aead aead = AesGcm.of(VECTOR_KEY);
    byte[] iv = new byte[ivLength];

    assertThatThrownBy(() -> aead.encrypt(iv, new byte[1]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("IV must be 12 bytes");
    assertThatThrownBy(() -> aead.decrypt(iv, new byte[Aead.TAG_BYTES + 1]))
        .isInstanceOf(CryptoException.class)
        .hasMessageContaining("IV must be 12 bytes");
  }

  @Test
  void keepsItsOwnCopyOfTheKey() {
    byte[] key = VECTOR_KEY.clone();
    Aead aead = AesGcm.of(key);
    Arrays.fill(key, (byte) 0);

    assertThat(aead.encrypt(VECTOR_IV, "Hello".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Base64.getDecoder().decode("D2e6d6o26UuDZhDvSNiG11zk1557"));
  }

  @Test
  void generatesRandomKeysAndIvsOfTheRightSize() {
    assertThat(AesGcm.newKey()).hasSize(32).isNotEqualTo(AesGcm.newKey());
    assertThat(AesGcm.newIv()).hasSize(12).isNotEqualTo(AesGcm.newIv());
  }
}
