package org.kopir.gateway.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The console's languages: English, Russian, Kazakh, Kyrgyz. A person's choice is remembered in a
 * cookie; without one the browser's preference decides, English when it names none of them.
 */
public class ConsoleLanguages implements LocaleResolver {

  public static final String COOKIE = "KOPIR_CONSOLE_LANG";
  public static final List<String> SUPPORTED = List.of("en", "ru", "kk", "ky");
  private static final Duration REMEMBERED = Duration.ofDays(365);

  /** {@code code} when it is a supported language. */
  public static Optional<String> supported(String code) {
    return code != null && SUPPORTED.contains(code) ? Optional.of(code) : Optional.empty();
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (COOKIE.equals(cookie.getName()) && supported(cookie.getValue()).isPresent()) {
          return Locale.of(cookie.getValue());
        }
      }
    }
    var preferences = request.getLocales();
    while (preferences.hasMoreElements()) {
      String language = preferences.nextElement().getLanguage();
      if (supported(language).isPresent()) {
        return Locale.of(language);
      }
    }
    return Locale.ENGLISH;
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
    String language = locale == null ? "en" : supported(locale.getLanguage()).orElse("en");
    Cookie cookie = new Cookie(COOKIE, language);
    cookie.setPath("/console");
    cookie.setHttpOnly(true);
    cookie.setSecure(true);
    cookie.setMaxAge((int) REMEMBERED.toSeconds());
    cookie.setAttribute("SameSite", "Strict");
    response.addCookie(cookie);
  }
}
