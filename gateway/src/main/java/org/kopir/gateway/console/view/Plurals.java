package org.kopir.gateway.console.view;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Counted phrases with the language's plural forms (CLDR cardinal rules for integers): English,
 * Kazakh and Kyrgyz {@code one}/{@code other}; Russian {@code one}/{@code few}/{@code many}. The
 * catalogue holds {@code <key>.one}, {@code <key>.few}, ... each with {@code {0}} for the number.
 */
@Component("plurals")
public class Plurals {

  private final MessageSource messages;

  public Plurals(MessageSource messages) {
    this.messages = messages;
  }

  /** The phrase for {@code count} in the current person's language. */
  public String text(String key, long count) {
    Locale locale = LocaleContextHolder.getLocale();
    return messages.getMessage(key + "." + category(locale, count), new Object[] {count}, locale);
  }

  /** The CLDR plural category of the integer {@code count} in {@code locale}. */
  public static String category(Locale locale, long count) {
    long n = Math.abs(count);
    switch (locale.getLanguage()) {
      case "ru" -> {
        long mod10 = n % 10;
        long mod100 = n % 100;
        if (mod10 == 1 && mod100 != 11) {
          return "one";
        }
        if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
          return "few";
        }
        return "many";
      }
      default -> {
        return n == 1 ? "one" : "other";
      }
    }
  }
}
