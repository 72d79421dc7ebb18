package io.camelot.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class EcdsaSignatureTest {
    private static final BigInteger N = SECNamedCurves.getByName("secp256k1").getN();

    private static final Gen<BigInteger> SCALARS = ByteGens.bytes(1, 32)
            .map(bytes ->
                    new BigInteger(1, bytes).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));

    @Test
    void encodesExactlyAsBouncyCastleDerAndDecodesBack() {
        qt().forAll(SCALARS, SCALARS).checkAssert((r, s) -> {
            byte[] der = new EcdsaSignature(r, s).toDer();

            assertThat(der).isEqualTo(bouncyCastleDer(r, s));
            assertThat(EcdsaSignature.fromDer(der)).contains(new EcdsaSignature(r, s));
        });
    }

    @Test
    void rejectsEveryTruncationAndAnyTrailingByte() {
        qt().forAll(SCALARS, SCALARS, ByteGens.bytes(1)).checkAssert((r, s, extra) -> {
            byte[] der = new EcdsaSignature(r, s).toDer();
            for (int length = 0; length < der.length; length++) {
                assertThat(EcdsaSignature.fromDer(Arrays.copyOf(der, length))).isEmpty();
            }
            byte[] withTrailingByte = Arrays.copyOf(der, der.length + 1);
            withTrailingByte[der.length] = extra[0];
            assertThat(EcdsaSignature.fromDer(withTrailingByte)).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "020101", // a bare INTEGER, not a SEQUENCE
                "3000", // empty SEQUENCE
                "3003020101", // one INTEGER only
                "3009020101020101020101", // three INTEGERs
                "30060201ff020101", // negative r
                "30070202000102 0101", // r needlessly zero-padded
                "3006020101020001", // zero-length s
                "3006040101020101", // r is an OCTET STRING
                "308106020101020101", // long-form length where DER requires the short form
                "3080020101020101 0000", // BER indefinite length
            })
    void rejectsNonDerStructures(String hex) {
        assertThat(EcdsaSignature.fromDer(HexFormat.of().parseHex(hex.replace(" ", ""))))
                .isEmpty();
    }

    private static byte[] bouncyCastleDer(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
