package org.kopir.gateway.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/**
 * One node for all tests of a class, whose partner kg is unreachable (submissions stay queued):
 * started before the class's first test in a data directory of its own, stopped and removed after
 * its last. Register it as a static field with {@code @RegisterExtension}.
 */
public final class LoneNode implements BeforeAllCallback, AfterAllCallback {

  private final String id;
  private Path data;
  private TestNode node;

  public LoneNode(String id) {
    this.id = id;
  }

  /** The running node. */
  public TestNode node() {
    return node;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    data = Files.createTempDirectory("kopir-" + id + "-");
    node = new TestNode(id, data).set("kopir.partners.kg.border-url", "http://127.0.0.1:1").start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (node != null) {
      node.stop();
    }
    if (data != null) {
      FileSystemUtils.deleteRecursively(data);
    }
  }
}
