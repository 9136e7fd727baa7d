package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import org.kopir.gateway.console.ConsoleLanguages;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The sign-in page, the refusal page, and the language choice. */
@Controller
public class SignInPages {

  private final LocaleResolver languages;

  public SignInPages(LocaleResolver languages) {
    this.languages = languages;
  }

  @GetMapping("/console/login")
  String login(
      @RequestParam(required = false) String locked,
      @RequestParam(required = false) String wait,
      org.springframework.ui.Model model) {
    Long lockedSeconds = seconds(locked);
    model.addAttribute("lockedMinutes", lockedSeconds == null ? null : (lockedSeconds + 59) / 60);
    model.addAttribute("waitSeconds", seconds(wait));
    return "console/login";
  }

  private static Long seconds(String text) {
    if (text == null || !text.matches("[0-9]{1,7}")) {
      return null;
    }
    return Math.max(1, Long.parseLong(text));
  }

  /** Where refused requests (no role, missing CSRF token) are forwarded, with status 403. */
  @RequestMapping("/console/forbidden")
  String forbidden(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    return "console/forbidden";
  }

  /** Remembers the person's language (a cookie) and goes back to the page they were on. */
  @PostMapping("/console/language")
  String language(
      @RequestParam(required = false) String lang,
      @RequestParam(required = false) String back,
      HttpServletRequest request,
      HttpServletResponse response) {
    ConsoleLanguages.supported(lang)
        .ifPresent(code -> languages.setLocale(request, response, Locale.of(code)));
    return "redirect:" + safeBack(back);
  }

  /** Only a path inside the console; anything else goes to the console's start. */
  static String safeBack(String back) {
    if (back == null || back.length() > 2000 || !back.startsWith("/console")) {
      return "/console/";
    }
    try {
      URI uri = URI.create(back);
      if (uri.getScheme() != null || uri.getAuthority() != null || back.contains("\\")) {
        return "/console/";
      }
    } catch (IllegalArgumentException e) {
      return "/console/";
    }
    return back;
  }
}
