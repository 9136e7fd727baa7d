package org.kopir.gateway.crypto;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Time;

/**
 * A CMS signing time read as Bouncy Castle's {@link Time#getDate()} reads it, without the {@code
 * SimpleDateFormat} that it makes for every call. The forms that RFC 5652 (11.3) and DER call for
 * are read here: UTCTime {@code YYMMDDhhmmssZ} for 1950–2049, GeneralizedTime {@code
 * YYYYMMDDhhmmssZ} otherwise. Any other form, any value these strict readers refuse, and a
 * GeneralizedTime before 1950 (Bouncy Castle's calendar turns Julian before 1583, {@code
 * java.time}'s does not) are left to Bouncy Castle, so every value gives the date it gave before.
 */
final class SigningTimes {

  /** What {@link ASN1UTCTime#getTime()} appends to a time written in UTC. */
  private static final String IN_UTC = "GMT+00:00";

  /** Two-digit years 50–99 are 1950–1999, 00–49 are 2000–2049 (RFC 5280, 4.1.2.5.1). */
  private static final DateTimeFormatter UTC_TIME =
      new DateTimeFormatterBuilder()
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1950)
          .appendPattern("MMddHHmmss")
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);

  private SigningTimes() {}

  static Date of(Time time) {
    ASN1Primitive value = time.toASN1Primitive();
    try {
      if (value instanceof ASN1UTCTime utc) {
        String text = utc.getTime();
        if (text.length() == 12 + IN_UTC.length() && text.endsWith(IN_UTC)) {
          return inUtc(LocalDateTime.parse(text.substring(0, 12), UTC_TIME));
        }
      } else if (value instanceof ASN1GeneralizedTime generalized) {
        String text = generalized.getTimeString();
        // Four digits from 1950 on compare so as text; anything else the formatter refuses.
        if (text.length() == 15 && text.compareTo("1950") >= 0) {
          return inUtc(LocalDateTime.parse(text, GENERALIZED_TIME));
        }
      }
    } catch (DateTimeParseException e) {
      // Not a value read here (Bouncy Castle's reader is lenient): it decides, as before.
    }
    return time.getDate();
  }

  private static Date inUtc(LocalDateTime time) {
    return Date.from(time.toInstant(ZoneOffset.UTC));
  }
}
