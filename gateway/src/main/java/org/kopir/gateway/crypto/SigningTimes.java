package org.kopir.gateway.crypto;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Time;

/**
 * A CMS signing time read as Bouncy Castle's {@link Time#getDate()} reads it, without the {@code
 * SimpleDateFormat} that it makes for every call. The forms that RFC 5652 (11.3) and DER call for
 * are read here: UTCTime {@code YYMMDDhhmmssZ} for 1950–2049, GeneralizedTime {@code
 * YYYYMMDDhhmmssZ} otherwise. Their fixed digits are read directly and strictly (a month of 1–12, a
 * day that the month has, hours 0–23, minutes and seconds 0–59): a general date parser, {@code
 * java.time}'s included, showed in the profiles of every signature check. Any other form, any value
 * this strict reading refuses, and a GeneralizedTime before 1950 (Bouncy Castle's calendar turns
 * Julian before 1583) are left to Bouncy Castle, so every value gives the date it gave before.
 */
final class SigningTimes {

  /** What {@link ASN1UTCTime#getTime()} appends to a time written in UTC. */
  private static final String IN_UTC = "GMT+00:00";

  private static final long NOT_READ = Long.MIN_VALUE;

  private SigningTimes() {}

  static Date of(Time time) {
    ASN1Primitive value = time.toASN1Primitive();
    long seconds = NOT_READ;
    if (value instanceof ASN1UTCTime utc) {
      String text = utc.getTime();
      if (text.length() == 12 + IN_UTC.length() && text.endsWith(IN_UTC)) {
        int year = digits(text, 0, 2);
        // Two-digit years 50–99 are 1950–1999, 00–49 are 2000–2049 (RFC 5280, 4.1.2.5.1).
        seconds = year < 0 ? NOT_READ : epochSecond(year + (year >= 50 ? 1900 : 2000), text, 2);
      }
    } else if (value instanceof ASN1GeneralizedTime generalized) {
      String text = generalized.getTimeString();
      if (text.length() == 15 && text.charAt(14) == 'Z') {
        int year = digits(text, 0, 4);
        seconds = year < 1950 ? NOT_READ : epochSecond(year, text, 4);
      }
    }
    return seconds == NOT_READ ? time.getDate() : new Date(seconds * 1000);
  }

  /** {@code MMddHHmmss} at {@code from}, in UTC in {@code year}; {@link #NOT_READ} if invalid. */
  private static long epochSecond(int year, String text, int from) {
    int month = digits(text, from, 2);
    int day = digits(text, from + 2, 2);
    int hour = digits(text, from + 4, 2);
    int minute = digits(text, from + 6, 2);
    int second = digits(text, from + 8, 2);
    if (month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_READ;
    }
    return LocalDate.of(year, month, day).toEpochDay() * 86_400
        + hour * 3_600L
        + minute * 60L
        + second;
  }

  /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int number = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }
}
