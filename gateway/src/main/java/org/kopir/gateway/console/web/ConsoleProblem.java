package org.kopir.gateway.console.web;

import java.util.List;

/**
 * Input a page cannot serve, shown on the page as a message from the catalogue: a bad filter value
 * (400) or an identifier the node does not know (404). Never carries what the person typed beyond a
 * short excerpt.
 */
public class ConsoleProblem extends RuntimeException {

  private final int status;
  private final List<FieldProblem> problems;

  public ConsoleProblem(int status, List<FieldProblem> problems) {
    super(null, null, false, false);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public static ConsoleProblem badRequest(String field, String messageKey) {
    return new ConsoleProblem(400, List.of(new FieldProblem(field, messageKey)));
  }

  public static ConsoleProblem notFound(String messageKey) {
    return new ConsoleProblem(404, List.of(new FieldProblem(null, messageKey)));
  }

  public int status() {
    return status;
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  /** A message key, for one field ({@code field} is the form field's name) or the whole page. */
  public record FieldProblem(String field, String messageKey) {}
}
