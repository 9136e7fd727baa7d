package org.kopir.gateway.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV fields of the audit download: RFC 4180 quoting, formulas neutralised. */
class ConsoleCsvTest {

  @Test
  void quotesSeparatorsAndQuotes() {
    assertThat(AuditPages.csvField("plain")).isEqualTo("plain");
    assertThat(AuditPages.csvField("{\"a\":1,\"b\":2}")).isEqualTo("\"{\"\"a\"\":1,\"\"b\"\":2}\"");
    assertThat(AuditPages.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void aLeadingFormulaCharacterIsNeutralised() {
    assertThat(AuditPages.csvField("=HYPERLINK(\"x\")")).startsWith("\"'=");
    assertThat(AuditPages.csvField("+1")).isEqualTo("'+1");
    assertThat(AuditPages.csvField("-1")).isEqualTo("'-1");
    assertThat(AuditPages.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
  }
}
