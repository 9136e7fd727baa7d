package org.kopir.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A signing time reads as the date Bouncy Castle's own reader gives, in every form. */
class SigningTimesTest {

  static Stream<Time> signingTimes() {
    return Stream.of(
        // What a signer writes (Bouncy Castle's Time picks UTCTime for 1950–2049).
        at("1950-01-01T00:00:00Z"),
        at("1999-12-31T23:59:59Z"),
        at("2000-01-01T00:00:00Z"),
        at("2026-12-07T08:30:15Z"),
        at("2049-12-31T23:59:59Z"),
        at("2050-01-01T00:00:00Z"),
        at("1949-12-31T23:59:59Z"),
        // Forms and values left to Bouncy Castle.
        Time.getInstance(new ASN1UTCTime("2612070830Z")),
        Time.getInstance(new ASN1UTCTime("261207083015+0100")),
        Time.getInstance(new ASN1UTCTime("260431083015Z")),
        Time.getInstance(new ASN1GeneralizedTime("20261207083015.25Z")),
        Time.getInstance(new ASN1GeneralizedTime("20261207083015+0530")),
        Time.getInstance(new ASN1GeneralizedTime("20260229083015Z")),
        // Leap days and the last second of a year, read here.
        Time.getInstance(new ASN1UTCTime("280229235959Z")),
        Time.getInstance(new ASN1GeneralizedTime("20501231235959Z")),
        Time.getInstance(new ASN1GeneralizedTime("20520229000000Z")),
        // Out of range for a strict reader: Bouncy Castle's lenient one rolls them over.
        Time.getInstance(new ASN1UTCTime("261207083060Z")),
        Time.getInstance(new ASN1UTCTime("261207240000Z")),
        Time.getInstance(new ASN1UTCTime("261300000000Z")),
        Time.getInstance(new ASN1UTCTime("261200000000Z")),
        Time.getInstance(new ASN1GeneralizedTime("20501207086000Z")),
        // Before 1950, where Bouncy Castle's calendar differs from java.time's before 1583.
        Time.getInstance(new ASN1GeneralizedTime("19491231235959Z")),
        Time.getInstance(new ASN1GeneralizedTime("15001207083015Z")));
  }

  @ParameterizedTest
  @MethodSource("signingTimes")
  void readsAsBouncyCastleReadsIt(Time time) {
    assertThat(SigningTimes.of(time)).isEqualTo(time.getDate());
  }

  private static Time at(String instant) {
    return new Time(Date.from(Instant.parse(instant)));
  }
}
