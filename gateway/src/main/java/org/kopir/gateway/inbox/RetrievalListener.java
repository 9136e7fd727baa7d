package org.kopir.gateway.inbox;

/** Told when a recipient agency acknowledges an inbox item (SPEC §5 RETRIEVED). */
public interface RetrievalListener {
  void retrieved(String agency, String messageId);
}
