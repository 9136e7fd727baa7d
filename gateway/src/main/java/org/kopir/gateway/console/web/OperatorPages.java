package org.kopir.gateway.console.web;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.kopir.gateway.audit.AuditEntry;
import org.kopir.gateway.audit.AuditEvent;
import org.kopir.gateway.audit.AuditTrail;
import org.kopir.gateway.console.data.ConsoleQueries;
import org.kopir.gateway.deadletters.DeadLetterStore;
import org.kopir.gateway.deadletters.DeadLetters;
import org.kopir.gateway.deadletters.ReceiptDeadLetterStore;
import org.kopir.gateway.deadletters.ReceiptDeadLetters;
import org.kopir.gateway.delivery.Overdue;
import org.kopir.gateway.delivery.OverdueWatch;
import org.kopir.gateway.error.KopirException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operator pages: dead letters with replay ({@code /console/dead-letters}) and overdue messages
 * ({@code /console/overdue}). A replay always goes through a confirmation page that names the exact
 * number of messages and asks for a reason; for more than one message the number must be typed. The
 * request is audited as {@code operator.replay-requested} with that reason, each replayed message
 * as {@code message.replayed} by {@link DeadLetters}. Receipts for the partner that it never took
 * have a section of their own on the dead-letter page and are replayed the same way ({@code
 * kind=receipt}, audited {@code operator.replay-requested} with {@code kind} and each receipt as
 * {@code receipt.replayed} by {@link ReceiptDeadLetters}).
 */
@Controller
public class OperatorPages {

  static final int PAGE_SIZE = 50;
  static final int MOST_PAGES = 1000;

  /** Most messages one bulk replay may name. */
  static final int MOST_REPLAYED = 200;

  static final int MOST_REASON = 200;

  /** The {@code kind} of a replay of receipts; without it a replay is of messages. */
  static final String RECEIPT = "receipt";

  private final DeadLetterStore store;
  private final DeadLetters deadLetters;
  private final ReceiptDeadLetterStore receiptStore;
  private final ReceiptDeadLetters receiptDeadLetters;
  private final OverdueWatch overdue;
  private final ConsoleQueries queries;
  private final Viewer viewer;
  private final AuditTrail audit;

  public OperatorPages(
      DeadLetterStore store,
      DeadLetters deadLetters,
      ReceiptDeadLetterStore receiptStore,
      ReceiptDeadLetters receiptDeadLetters,
      OverdueWatch overdue,
      ConsoleQueries queries,
      Viewer viewer,
      AuditTrail audit) {
    this.store = store;
    this.deadLetters = deadLetters;
    this.receiptStore = receiptStore;
    this.receiptDeadLetters = receiptDeadLetters;
    this.overdue = overdue;
    this.queries = queries;
    this.viewer = viewer;
    this.audit = audit;
  }

  @GetMapping("/console/dead-letters")
  String deadLetters(
      @RequestParam(required = false) String page, Principal principal, Model model) {
    int number = page(page);
    viewer.record(viewer.viewed(principal, "dead-letters").detail("page", number));
    var letters = store.page(number, PAGE_SIZE + 1);
    model.addAttribute("letters", letters.subList(0, Math.min(PAGE_SIZE, letters.size())));
    model.addAttribute("page", number);
    model.addAttribute("more", letters.size() > PAGE_SIZE);
    model.addAttribute("total", store.count());
    model.addAttribute("replayableCount", queries.replayableIds(MOST_REPLAYED + 1).size());
    model.addAttribute("mostReplayed", MOST_REPLAYED);
    // Receipts are few (one per message the partner sent): the newest page, no pager.
    model.addAttribute("receipts", receiptStore.page(0, PAGE_SIZE));
    model.addAttribute("receiptTotal", receiptStore.count());
    return "console/dead-letters";
  }

  /** Step 1 of a replay: the exact messages and their number, with a reason to type. */
  @PostMapping("/console/dead-letters/confirm")
  String confirm(
      @RequestParam(name = "id", required = false) List<String> ids,
      @RequestParam(required = false) String all,
      @RequestParam(required = false) String kind,
      Model model) {
    boolean receipts = receipts(kind);
    List<String> chosen = chosen(ids, receipts ? null : all);
    model.addAttribute("kind", receipts ? RECEIPT : null);
    model.addAttribute("ids", chosen);
    model.addAttribute("count", chosen.size());
    model.addAttribute("mostReason", MOST_REASON);
    return "console/dead-letters-confirm";
  }

  /** Step 2: the replay itself, once the count is confirmed and a reason given. */
  @PostMapping("/console/dead-letters/replay")
  String replay(
      @RequestParam(name = "id", required = false) List<String> ids,
      @RequestParam(required = false) String confirmation,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String kind,
      Principal principal,
      Model model,
      RedirectAttributes redirect,
      HttpServletResponse response) {
    boolean receipts = receipts(kind);
    List<String> chosen = chosen(ids, null);
    String typedReason = reason == null ? "" : reason.strip();
    List<ConsoleProblem.FieldProblem> problems = new ArrayList<>();
    if (typedReason.isEmpty()
        || typedReason.length() > MOST_REASON
        || typedReason.chars().anyMatch(Character::isISOControl)) {
      problems.add(new ConsoleProblem.FieldProblem("reason", "problem.reason"));
    }
    if (chosen.size() > 1
        && !(confirmation != null
            && confirmation.strip().equals(Integer.toString(chosen.size())))) {
      problems.add(new ConsoleProblem.FieldProblem("confirmation", "problem.confirmation"));
    }
    if (!problems.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("kind", receipts ? RECEIPT : null);
      model.addAttribute("ids", chosen);
      model.addAttribute("count", chosen.size());
      model.addAttribute("mostReason", MOST_REASON);
      model.addAttribute("problems", problems);
      model.addAttribute("reason", AuditForm.shown(typedReason));
      return "console/dead-letters-confirm";
    }
    audit.record(
        AuditEntry.of(AuditEvent.REPLAY_REQUESTED)
            .actor(Viewer.actor(principal))
            .messageId(chosen.size() == 1 ? chosen.get(0) : null)
            .detail("channel", "console")
            .detail("kind", receipts ? RECEIPT : null)
            .detail("reason", typedReason)
            .detail("count", chosen.size())
            .detail("messageIds", chosen.size() > 1 ? chosen : null)
            .build());
    int replayed = 0;
    List<String> notReplayed = new ArrayList<>();
    for (String id : chosen) {
      try {
        if (receipts) {
          receiptDeadLetters.replay(id, Viewer.actor(principal));
        } else {
          deadLetters.replay(id, Viewer.actor(principal));
        }
        replayed++;
      } catch (KopirException e) {
        notReplayed.add(id + " (" + e.code().name() + ")");
      }
    }
    redirect.addFlashAttribute("replayed", replayed);
    redirect.addFlashAttribute("replayedKind", receipts ? RECEIPT : null);
    redirect.addFlashAttribute("notReplayed", notReplayed);
    return "redirect:/console/dead-letters";
  }

  /** Whether a replay is of receipts; any other kind than {@value #RECEIPT} is refused. */
  private static boolean receipts(String kind) {
    if (kind == null || kind.isEmpty()) {
      return false;
    }
    if (!RECEIPT.equals(kind)) {
      throw ConsoleProblem.badRequest("kind", "problem.kind");
    }
    return true;
  }

  private List<String> chosen(List<String> ids, String all) {
    LinkedHashSet<String> chosen = new LinkedHashSet<>();
    if (all != null) {
      chosen.addAll(queries.replayableIds(MOST_REPLAYED));
    }
    if (ids != null) {
      for (String id : ids) {
        if (!AuditForm.MESSAGE_ID.matcher(id).matches()) {
          throw ConsoleProblem.badRequest("id", "problem.messageId");
        }
        chosen.add(id);
      }
    }
    if (chosen.isEmpty()) {
      throw ConsoleProblem.badRequest("id", "problem.noSelection");
    }
    if (chosen.size() > MOST_REPLAYED) {
      throw ConsoleProblem.badRequest("id", "problem.tooMany");
    }
    return List.copyOf(chosen);
  }

  @GetMapping("/console/overdue")
  String overdue(@RequestParam(required = false) String page, Principal principal, Model model) {
    int number = page(page);
    viewer.record(viewer.viewed(principal, "overdue").detail("page", number));
    List<Overdue> all = overdue.list();
    model.addAttribute(
        "late", all.stream().skip((long) number * PAGE_SIZE).limit(PAGE_SIZE).toList());
    model.addAttribute("total", all.size());
    model.addAttribute("page", number);
    model.addAttribute("more", all.size() > (long) (number + 1) * PAGE_SIZE);
    return "console/overdue";
  }

  static int page(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int page = Integer.parseInt(text.strip());
      if (page >= 0 && page < MOST_PAGES) {
        return page;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ConsoleProblem.badRequest("page", "problem.page");
  }
}
