package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.kopir.gateway.security.Roles;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's frame needs: who is signed in, their roles, the page's own path. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
public class ConsoleModel {

  @ModelAttribute
  void frame(HttpServletRequest request, Model model) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    boolean signedIn =
        authentication != null
            && authentication.isAuthenticated()
            && !(authentication instanceof AnonymousAuthenticationToken);
    model.addAttribute("signedIn", signedIn);
    model.addAttribute("userName", signedIn ? authentication.getName() : null);
    model.addAttribute("operator", signedIn && has(authentication, Roles.OPERATOR));
    model.addAttribute("auditor", signedIn && has(authentication, Roles.AUDITOR));
    String query = request.getQueryString();
    String path = request.getRequestURI() + (query == null ? "" : "?" + query);
    model.addAttribute(
        "currentPath",
        "GET".equals(request.getMethod()) && path.length() <= 2000 ? path : "/console/");
  }

  private static boolean has(Authentication authentication, String role) {
    return authentication.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
  }
}
