package org.kopir.gateway.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.FileSystemResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The node's packaged resources and their overrides on disk, named alike: {@code classpath:...} for
 * a copy in the jar, {@code file:...} or a plain path (relative to the working directory) for a
 * file on disk.
 */
public final class Locations {

  private static final FileSystemResourceLoader LOADER = new FileSystemResourceLoader();

  private Locations() {}

  /** The resource at {@code location}. */
  public static Resource resource(String location) {
    return LOADER.getResource(location);
  }

  /** Whether {@code location} names a resource packaged in the jar. */
  public static boolean packaged(String location) {
    return location.startsWith("classpath:");
  }

  /** The URL of an existing resource, for libraries that resolve relative references from it. */
  public static String url(String location) {
    Resource resource = resource(location);
    if (!resource.exists()) {
      throw new IllegalStateException("Resource " + location + " does not exist.");
    }
    try {
      return resource.getURL().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot locate " + location, e);
    }
  }
}
