// SPDX-License-Identifier: Apache-2.0
package dev.ior.junit;

import dev.ior.core.config.TraceConfig;
import dev.ior.core.syscall.Syscall;
import dev.ior.core.syscall.SyscallSelection;
import dev.ior.core.syscall.SyscallTable;
import dev.ior.core.trace.TraceException;
import dev.ior.core.trace.TraceStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link TraceIo}: before each test a live {@link TraceStream} of
 * this JVM (all its threads but the stream's own consumer) and every process it starts (followed
 * in the kernel from their first syscall); after the test the stream stops and an {@link
 * IoBudget} is checked. Use it through {@code @TraceIo}.
 */
public final class IoTraceExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(IoTraceExtension.class);
  /** The syscall of the marker calls (a failed open of a path that does not exist). */
  private static final String MARKER_SYSCALL = "openat";

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    TraceIo options = annotation(context, TraceIo.class).orElse(null);
    List<String> syscalls = options == null ? List.of() : Arrays.asList(options.syscalls());
    List<String> families = options == null ? List.of() : Arrays.asList(options.families());
    Set<String> selected = SyscallSelection.select(SyscallTable.standard(),
        new SyscallSelection.Spec(List.of(), List.of(), syscalls, families)).stream()
        .map(Syscall::name).collect(Collectors.toSet());
    List<String> withMarker = new ArrayList<>(syscalls);
    if (!syscalls.isEmpty() || !families.isEmpty()) {
      withMarker.add(MARKER_SYSCALL);
    }
    int self = (int) ProcessHandle.current().pid();
    TraceConfig config = TraceConfig.builder().traceSelf(true).follow(self)
        .syscalls(withMarker).families(families).build();
    RecordedIo io = new RecordedIo(selected);
    TraceStream stream;
    try {
      stream = TraceStream.live(config).endWithTarget(false).onPair(io.sink());
      stream.startAsync();
    } catch (TraceException | LinkageError e) {
      unavailable(e.getMessage() != null ? e.getMessage() : e.toString());
      return;
    }
    ExtensionContext.Store store = context.getStore(NS);
    store.put(RecordedIo.class, io);
    store.put(TraceStream.class, stream);
    io.sync(); // attached and caught up: what the test does next is recorded
  }

  /** Skips the test with the reason, or fails it where BPF is required. */
  private static void unavailable(String reason) {
    String why = "@TraceIo needs BPF (root or CAP_BPF + CAP_PERFMON, Linux 6.2+ with BTF): "
        + reason;
    if ("1".equals(System.getenv("IOR_REQUIRE_BPF"))
        || Boolean.getBoolean("ior.junit.require")) {
      throw new AssertionError(why + " (required: IOR_REQUIRE_BPF=1 or -Dior.junit.require)");
    }
    Assumptions.abort(why);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NS);
    TraceStream stream = store.remove(TraceStream.class, TraceStream.class);
    RecordedIo io = store.remove(RecordedIo.class, RecordedIo.class);
    if (stream == null) {
      return;
    }
    try {
      Optional<IoBudget> budget = annotation(context, IoBudget.class);
      if (budget.isPresent() && context.getExecutionException().isEmpty()) {
        Budgets.check(budget.get(), io);
      }
    } finally {
      stream.close(); // rethrows what made the recording fail, if nothing did yet
    }
  }

  private static <A extends java.lang.annotation.Annotation> Optional<A> annotation(
      ExtensionContext context, Class<A> type) {
    Optional<A> onElement = context.getElement().map(e -> e.getAnnotation(type));
    if (onElement.isPresent()) {
      return onElement;
    }
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
      A a = c.getAnnotation(type);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RecordedIo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RecordedIo io = context.getStore(NS).get(RecordedIo.class, RecordedIo.class);
    if (io == null) {
      throw new org.junit.jupiter.api.extension.ParameterResolutionException(
          "RecordedIo is only available in tests with @TraceIo");
    }
    return io;
  }
}
