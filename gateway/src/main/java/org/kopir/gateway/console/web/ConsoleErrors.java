package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletResponse;
import org.kopir.gateway.error.KopirException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Console errors as pages in the person's language: a clear message, never a stack trace, never a
 * 500 for input. Unexpected failures are logged by class only and shown as a generic message.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

  @ExceptionHandler(ConsoleProblem.class)
  String problem(ConsoleProblem problem, Model model, HttpServletResponse response) {
    response.setStatus(problem.status());
    model.addAttribute("problems", problem.problems());
    model.addAttribute("status", problem.status());
    return "console/problem";
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  String badParameter(Exception e, Model model, HttpServletResponse response) {
    return problem(ConsoleProblem.badRequest(null, "problem.parameter"), model, response);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  String method(Exception e, Model model, HttpServletResponse response) {
    response.setStatus(405);
    model.addAttribute(
        "problems", java.util.List.of(new ConsoleProblem.FieldProblem(null, "problem.method")));
    model.addAttribute("status", 405);
    return "console/problem";
  }

  /** A refusal of an existing service (e.g. a replay that is not allowed): its code, translated. */
  @ExceptionHandler(KopirException.class)
  String refused(KopirException e, Model model, HttpServletResponse response) {
    response.setStatus(e.code().httpStatus());
    model.addAttribute(
        "problems",
        java.util.List.of(new ConsoleProblem.FieldProblem(null, "code." + e.code().name())));
    model.addAttribute("status", e.code().httpStatus());
    return "console/problem";
  }

  @ExceptionHandler(RuntimeException.class)
  String unexpected(RuntimeException e, Model model, HttpServletResponse response) {
    LOG.warn("Console request failed: {}", e.getClass().getName());
    response.setStatus(503);
    model.addAttribute(
        "problems",
        java.util.List.of(new ConsoleProblem.FieldProblem(null, "problem.unavailable")));
    model.addAttribute("status", 503);
    return "console/problem";
  }
}
